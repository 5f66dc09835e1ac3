namespace Butler.Host.Components;

/// <summary>The dashboard's strings: figures, charts and the weekly dispatch agendas.</summary>
public static partial class UiText
{
    public static string DashboardFor(int year) => Pick($"{year} 年数据", $"Figures for {year}");
    public static string NotComputable => "—";

    public static string Metric(string metric) => metric switch
    {
        "signedProjects" => Pick("签约项目", "Projects signed"),
        "signedInvestment" => Pick("签约投资额", "Investment signed"),
        "fulfilmentRate" => Pick("履约率", "Fulfilment rate"),
        "commencementRate" => Pick("开工率", "Commencement rate"),
        "investmentCompleted" => Pick("完成投资额", "Investment completed"),
        "leads" => Pick("招商线索", "Leads received"),
        "deepNegotiations" => Pick("深度洽谈", "Deep negotiations"),
        "visits" => Pick("走访企业", "Company visits"),
        "receptions" => Pick("接待来访", "Delegations received"),
        "trips" => Pick("外出招商", "Promotion trips"),
        "permitSlaCompliance" => Pick("代办按时办结率", "Permit filings on time"),
        "medianWorkingDaysLeadToSigned" => Pick("线索到签约（中位数）", "Lead to signing (median)"),
        "fulfilledProjects" => Pick("履约项目", "Projects fulfilled"),
        "startedProjects" => Pick("开工项目", "Projects started"),
        "highTechProjects" => Pick("高新技术项目", "High-tech projects"),
        "chainGapFillingProjects" => Pick("补链强链项目", "Chain-gap-filling projects"),
        _ => metric,
    };

    public static string FulfilledWhen(string rule) => rule switch
    {
        "marked" => Pick("按“已履约”结项计", "counted when closed as fulfilled"),
        "started" => Pick("按已开工且未终止计", "counted when started and not terminated"),
        _ => Pick("按未终止计", "counted when not terminated"),
    };

    public static string PartOf(int part, int whole, string what) => Pick($"{whole} 个签约项目中 {part} 个{what}", $"{part} of {whole} signed projects {what}");
    public static string Fulfilled => Pick("已履约", "fulfilled");
    public static string Started => Pick("已开工", "started");
    public static string NoSignedProjects(int year) => Pick($"{year} 年没有签约项目，无从计算比率。", $"No project was signed in {year}, so there is nothing to divide by.");
    public static string NoPermitsDue(int year) => Pick($"{year} 年没有到期的代办手续，无从计算。", $"No permit filing fell due in {year}, so there is nothing to measure.");
    public static string NoSignedLeads(int year) => Pick($"{year} 年没有签约的线索，无从计算。", $"No lead was signed in {year}, so there is no median.");
    public static string PermitSlaNote => Pick("到期的代办任务中按期办结的比例（逾期未办的计为未按时）", "Share of permit filings due in the year that were done on time (open ones past due count as late)");
    public static string MedianNote => Pick("从收到线索到签约的工作日数", "Working days from receiving a lead to signing");

    public static string LeadFunnel => Pick("招商漏斗", "Lead funnel");
    public static string InvestmentByChain => Pick("各产业链投资", "Investment by industry chain");
    public static string CommencementAndFulfilment => Pick("开工与履约", "Commencement and fulfilment");
    public static string PermitSla => Pick("代办手续时限", "Permit filing deadlines");
    public static string ProjectLights => Pick("项目红黄绿灯", "Projects by light");
    public static string FunnelStep => Pick("环节", "Step");
    public static string Chain => Pick("产业链", "Industry chain");
    public static string Count => Pick("数量", "Count");
    public static string Share => Pick("比例", "Share");
    public static string SignedInvestmentSeries => Pick("签约投资（亿元）", "Signed (CNY bn)");
    public static string CompletedInvestmentSeries => Pick("完成投资（亿元）", "Completed (CNY bn)");
    public static string OnTime => Pick("按时办结", "On time");
    public static string Late => Pick("未按时", "Late");
    public static string ChartTableCaption(string title) => Pick($"{title}（数据表）", $"{title} (data table)");
    public static string ChartImage(string title) => Pick($"{title}图表，数据见下表", $"{title} chart; the table below has its data");
    public static string LightCount(string light) => light switch
    {
        "red" => Pick("红灯（逾期）", "Red (overdue)"),
        "yellow" => Pick("黄灯（临期）", "Yellow (due soon)"),
        _ => Pick("绿灯（正常）", "Green (on time)"),
    };

    public static string DispatchAgendas => Pick("周例会调度议程", "Weekly dispatch agendas");
    public static string NoDispatches => Pick("还没有调度议程。", "No dispatch agenda has been run yet.");
    public static string WeekOf(DateOnly monday) => Pick($"{monday:yyyy-MM-dd} 当周", $"Week of {monday:yyyy-MM-dd}");
    public static string AgendaFor(string leader) => Pick($"{leader} 的议程", $"Agenda of {leader}");
    public static string AgendaProjects => Pick("项目", "Projects");
    public static string AgendaItems => Pick("红黄灯事项", "Red and yellow items");
    public static string AgendaProblems => Pick("未解决难题", "Open problems");
    public static string AgendaDecisions => Pick("待决事项", "Decisions due");
    public static string NothingOnAgenda => Pick("本周没有需要调度的事项。", "Nothing needs dispatching this week.");
    public static string DaysLate(int days) => Pick($"逾期 {days} 个工作日", $"{days} working days late");
    public static string OpenProject => Pick("打开项目", "Open project");
}
