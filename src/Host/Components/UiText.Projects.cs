using Butler.Workflows.Onboarding;

namespace Butler.Host.Components;

/// <summary>The project ledger's and the project page's strings.</summary>
public static partial class UiText
{
    public static string Squad => Pick("服务专班", "Service squad");
    public static string Stage => Pick("阶段", "Stage");
    public static string LightLabel => Pick("状态灯", "Light");
    public static string ProjectName => Pick("项目名称", "Project");
    public static string PlannedInvestment => Pick("计划投资", "Planned investment");
    public static string ContractDate => Pick("签约日期", "Contract date");
    public static string OpenProblemsCount => Pick("未解决难题", "Open problems");
    public static string AnyValue => Pick("全部", "All");
    public static string SearchProjects => Pick("搜索项目或企业", "Search project or company");
    public static string ExportXlsx => Pick("导出 Excel", "Export Excel");
    public static string ExportCsv => Pick("导出 CSV", "Export CSV");
    public static string NoProjects => Pick("没有符合条件的项目。", "No project matches these filters.");
    public static string ProjectCount(int shown, int total) => Pick($"共 {total} 个项目，本页 {shown} 个", $"{shown} of {total} projects on this page");
    public static string PreviousPage => Pick("上一页", "Previous page");
    public static string NextPage => Pick("下一页", "Next page");
    public static string BadFilter => Pick("筛选条件无效，已显示全部项目。", "A filter was not valid; showing every project.");
    public static string ClearFilters => Pick("清除筛选", "Clear filters");

    /// <summary>A stage's wire name in words (<see cref="OnboardingWords.Stage"/>); an unknown one as written.</summary>
    public static string StageName(string stage) => OnboardingWords.OfWire<ProjectStage>(stage, OnboardingWords.Stage)?.Current ?? stage;

    /// <summary>A closing kind's wire name in words.</summary>
    public static string ClosingName(string closing) => OnboardingWords.OfWire<ProjectClosing>(closing, OnboardingWords.Closing)?.Current ?? closing;

    /// <summary>A problem kind's wire name in words.</summary>
    public static string ProblemKindName(string kind) => OnboardingWords.OfWire<ProblemKind>(kind, OnboardingWords.Problem)?.Current ?? kind;

    // The project page.
    public static string ProjectNotFound => Pick("没有这个项目。", "There is no such project.");
    public static string ProjectForbidden => Pick("这个项目不属于您的专班。", "This project is not one of your squads'.");
    public static string BackToLedger => Pick("返回项目台账", "Back to the ledger");
    public static string WhyThisLight => Pick("亮灯原因", "Why this light");
    public static string Team => Pick("服务团队", "Team");
    public static string SquadLead => Pick("专班负责人", "Squad lead");
    public static string OpenTasks => Pick("待办任务", "Open tasks");
    public static string NoOpenTasks => Pick("没有待办任务。", "No open tasks.");
    public static string Problems => Pick("难题", "Problems");
    public static string NoProblems => Pick("没有难题。", "No problems.");
    public static string Owner => Pick("责任人", "Owner");
    public static string Resolution => Pick("解决情况", "Resolution");
    public static string ProblemStatus(string status) => status == "resolved" ? Pick("已解决", "Resolved") : Pick("未解决", "Open");
    public static string Investment => Pick("投资完成情况", "Investment completed");
    public static string NoInvestment => Pick("还没有投资记录。", "No investment recorded yet.");
    public static string Month => Pick("月份", "Month");
    public static string InvestmentAmount => Pick("金额", "Amount");
    public static string Note => Pick("备注", "Note");
    public static string RecordedBy => Pick("记录人", "Recorded by");
    public static string Timeline => Pick("项目台账记录", "Timeline");
    public static string NoTimeline => Pick("还没有记录。", "Nothing recorded yet.");
    public static string StartedOn => Pick("开工日期", "Started on");
    public static string ProductionOn => Pick("投产日期", "In production on");
    public static string HighTech => Pick("高新技术", "High-tech");
    public static string ChainGapFilling => Pick("补链强链", "Fills a chain gap");
    public static string DaysLateShort(int? days) => days is > 0 ? Pick($"（逾期 {days} 个工作日）", $" ({days} working days late)") : "";

    public static string LightReason(string code) => code switch
    {
        "taskOverdue" => Pick("任务逾期", "Task overdue"),
        "approvalOverdue" => Pick("审批逾期", "Approval overdue"),
        "problemOverdue" => Pick("难题逾期未解决", "Problem overdue"),
        "startLate" => Pick("逾期未开工", "Start overdue"),
        "startMonthPassed" => Pick("计划开工月份已过", "Planned start month passed"),
        _ => code,
    };

    public static string TimelineKind(string kind) => kind switch
    {
        "created" => Pick("创建项目", "Project created"),
        "stageChanged" => Pick("阶段变更", "Stage changed"),
        "problemRaised" => Pick("提出难题", "Problem raised"),
        "problemResolved" => Pick("难题解决", "Problem resolved"),
        "investment" => Pick("投资记录", "Investment recorded"),
        "updated" => Pick("信息更新", "Updated"),
        "note" => Pick("备注", "Note"),
        "dispatch" => Pick("周例会调度", "Weekly dispatch"),
        "closed" => Pick("结项", "Closed"),
        _ => Butler.Workflows.Activities.JournalWords.Of(kind).Current,
    };

    // The workflow diagram.
    public static string Workflow => Pick("管家服务流程", "Butler pipeline");
    public static string NoWorkflow => Pick("这个项目没有运行中的流程。", "This project has no pipeline run.");
    public static string WorkflowDiagram(string name) => Pick($"流程图：{name}", $"Workflow diagram: {name}");
    public static string ActivityState(string state) => state switch
    {
        "done" => Pick("已完成", "Done"),
        "active" => Pick("进行中", "Active"),
        _ => Pick("未开始", "Waiting"),
    };

    public static string ActivityStates => Pick("图例", "Legend");
}
