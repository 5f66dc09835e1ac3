namespace Butler.Host.Components;

/// <summary>The strings of 代理人, the out-of-office proxy: the profile section, the notes in the lists, the journal.</summary>
public static partial class UiText
{
    /// <summary>Someone acting for another as their proxy, as the history and the timeline show it.</summary>
    public static string ProxyActedFor(string proxy, string principal) => Pick($"{proxy} 代 {principal}", $"{proxy} for {principal}");

    /// <summary>The note on an approval that reaches the reader as someone's proxy.</summary>
    public static string ProxyApprovesFor(string principal) => Pick($"代 {principal} 审批", $"Deciding for {principal}");

    /// <summary>The note on a task that reaches the reader as someone's proxy.</summary>
    public static string ProxyHandlesFor(string principal) => Pick($"代 {principal} 办理", $"Handling for {principal}");

    public static string ProxyHeading => Pick("代理人", "Out-of-office proxy");
    public static string ProxyIntro => Pick("外出期间，分派给您本人的任务和审批也会送达代理人，代理人可代您办理；通知同时发给您和代理人。",
        "While you are away, tasks and approvals assigned to you by name also reach your proxy, who may act for you; notifications go to you both.");
    public static string ProxyNone => Pick("未设代理人。", "No proxy is set.");
    public static string ProxyPerson => Pick("代理人", "Proxy");
    public static string ProxyFrom => Pick("开始日期", "From");
    public static string ProxyUntil => Pick("结束日期（含当天）", "Until (inclusive)");
    public static string ProxyComment => Pick("事由", "Reason");
    public static string ProxySave => Pick("设置代理人", "Set the proxy");
    public static string ProxyRemove => Pick("取消代理", "Remove the proxy");
    public static string ProxySaved => Pick("代理人已设置。", "The proxy is set.");
    public static string ProxyRemoved => Pick("代理已取消。", "The proxy is removed.");
    public static string ProxyActive => Pick("生效中", "Active");
    public static string ProxyPlanned => Pick("未开始", "Not yet begun");
    public static string ProxyChoosePerson => Pick("请选择代理人。", "Choose a proxy.");
    public static string ProxyChooseDates => Pick("请选择开始和结束日期。", "Choose the start and end dates.");
    public static string ProxyFor(string person, string from, string until) => Pick($"{person}，{from} 至 {until}", $"{person}, {from} to {until}");
    public static string ProxyStandingIn => Pick("您正代理", "You stand in for");
    public static string ProxyTripHeading => Pick("为出差设置代理人", "Set a proxy for a trip");
    public static string ProxyTripNone => Pick("近期没有出差记录。", "No upcoming trips are recorded.");
    public static string ProxyTripUse => Pick("按此出差日期", "Use these dates");
    public static string ProxyTripComment(string place) => Pick($"赴{place}招商", $"Promotion trip to {place}");
}
