using Butler.Workflows.Activities;

namespace Butler.Host.Components;

/// <summary>
/// Every user-facing string of the web application, in zh-CN and English side by side; the current UI culture picks by
/// the one rule of <see cref="Languages"/> (ADR 023).
/// </summary>
/// <remarks>One partial file per area of the app (<c>UiText.Tasks.cs</c>, …); this one holds the shell's strings.</remarks>
public static partial class UiText
{
    public const string Chinese = Butler.Workflows.Activities.Languages.Chinese;
    public const string English = Butler.Workflows.Activities.Languages.English;

    public static readonly IReadOnlyList<string> Languages = Butler.Workflows.Activities.Languages.All;

    public static bool IsEnglish => Butler.Workflows.Activities.Languages.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture);

    public static string Pick(string zh, string en) => Butler.Workflows.Activities.Languages.Pick(zh, en);

    /// <summary>The colon after a label: full width in Chinese, "label: value" in English.</summary>
    public static string Colon => Pick("：", ": ");

    /// <summary>Between two sentences on one line.</summary>
    public static string SentenceEnd => Pick("。", ". ");
    public static string ListSeparator => Pick("、", ", ");

    /// <summary>A bilingual text in the current UI culture.</summary>
    public static string Pick(LocalizedText text) => (text ?? throw new ArgumentNullException(nameof(text))).Current;

    public static string AppName => Pick("招商管家", "Butler");
    public static string Menu => Pick("菜单", "Menu");
    public static string MyTasks => Pick("我的任务", "My tasks");
    public static string Approvals => Pick("待我决定", "Approvals");
    public static string Projects => Pick("项目台账", "Projects");
    public static string Dashboard => Pick("数据看板", "Dashboard");
    public static string Admin => Pick("系统管理", "Administration");
    public static string Profile => Pick("个人设置", "Profile");
    public static string Navigation => Pick("导航", "Navigation");
    public static string SignIn => Pick("登录", "Sign in");
    public static string SignOut => Pick("退出", "Sign out");
    public static string UserName => Pick("用户名", "User name");
    public static string Password => Pick("密码", "Password");
    public static string SignInFailed => Pick("用户名或密码错误；或因多次登录失败，账户已暂时锁定，请稍后再试。",
        "The user name or password is wrong, or the account is locked for a while after repeated failed sign-ins.");
    public static string Required => Pick("必填", "Required");
    public static string Language => Pick("语言", "Language");
    public static string LanguageName(string culture) => culture == English ? "English" : "中文";
    public static string Search => Pick("搜索", "Search");

    /// <summary>"名称（中文）", "Name (English)": one field of a name kept in both languages.</summary>
    public static string NameIn(string language) => Butler.Workflows.Activities.Languages.IsEnglish(language) ? Pick("名称（英文）", "Name (English)") : Pick("名称（中文）", "Name (Chinese)");
    public static string SameIfEmpty => Pick("留空则与中文相同", "Leave empty for the same as Chinese");
    public static string Title => Pick("标题", "Title");
    public static string Due => Pick("截止", "Due");
    public static string Status => Pick("状态", "Status");
    public static string NoDue => Pick("无期限", "No due date");
    public static string NoTasks => Pick("没有待办任务。", "No open tasks.");
    public static string NoMatch => Pick("没有符合搜索的任务。", "No task matches the search.");
    public static string Loading => Pick("加载中…", "Loading…");
    public static string NotFound => Pick("页面不存在。", "This page does not exist.");
    public static string Home => Pick("返回首页", "Home");
    public static string BadRequest => Pick("请求无效。", "The request is not valid.");
    public static string ServerError => Pick("出错了，请稍后重试。", "Something went wrong; please try again later.");
    public static string Denied => Pick("您无权打开此页面。", "You may not open this page.");
    public static string TaskCount(int shown, int total) => Pick($"共 {total} 项，显示 {shown} 项", $"{shown} of {total} tasks");

    /// <summary>A light's wire name in words (<see cref="Butler.Workflows.Onboarding.OnboardingWords.LightWord"/>); an unknown one reads as on time.</summary>
    public static string Light(string light) =>
        Butler.Workflows.Onboarding.OnboardingWords.OfWire<Butler.Workflows.Onboarding.Light>(light, Butler.Workflows.Onboarding.OnboardingWords.LightWord)?.Current
        ?? Butler.Workflows.Onboarding.OnboardingWords.LightWord(Butler.Workflows.Onboarding.Light.Green).Current;
}
