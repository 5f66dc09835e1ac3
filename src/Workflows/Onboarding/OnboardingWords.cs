using Butler.Workflows.Activities;

namespace Butler.Workflows.Onboarding;

/// <summary>
/// The onboarding domain's codes in words, in both languages: stages, lead statuses, closings, problem kinds, lights and
/// ledger kinds. The pages, the dispatch mails, the exports and the designer's choices read them from here, so a stage is
/// 手续办理 everywhere and never "permits".
/// </summary>
public static class OnboardingWords
{
    public static LocalizedText Stage(ProjectStage stage) => stage switch
    {
        ProjectStage.Signed => new("Signed", "签约"),
        ProjectStage.Permits => new("Permits", "手续办理"),
        ProjectStage.Site => new("Site selected", "选址落定"),
        ProjectStage.Construction => new("Under construction", "建设"),
        ProjectStage.Production => new("In production", "投产"),
        _ => new(WireNames.Wire(stage)),
    };

    public static LocalizedText Lead(LeadStatus status) => status switch
    {
        LeadStatus.New => new("New", "新线索"),
        LeadStatus.Assessed => new("Assessed", "已研判"),
        LeadStatus.DeepNegotiation => new("In deep negotiation", "深度洽谈"),
        LeadStatus.Signed => new("Signed", "已签约"),
        LeadStatus.Dropped => new("Dropped", "已放弃"),
        _ => new(WireNames.Wire(status)),
    };

    public static LocalizedText Closing(ProjectClosing closing) => closing switch
    {
        ProjectClosing.Fulfilled => new("Fulfilled", "已履约"),
        ProjectClosing.Terminated => new("Terminated", "已终止"),
        _ => new(WireNames.Wire(closing)),
    };

    public static LocalizedText Problem(ProblemKind kind) => kind switch
    {
        ProblemKind.Land => new("Land", "用地"),
        ProblemKind.Environmental => new("Environmental", "环评"),
        ProblemKind.Financing => new("Financing", "融资"),
        ProblemKind.Power => new("Power and utilities", "水电气"),
        ProblemKind.Other => new("Other", "其他"),
        _ => new(WireNames.Wire(kind)),
    };

    public static LocalizedText LightWord(Light light) => light switch
    {
        Light.Red => new("Overdue", "逾期"),
        Light.Yellow => new("Due soon", "临期"),
        _ => new("On time", "正常"),
    };

    public static LocalizedText Ledger(LedgerKind kind) => kind switch
    {
        LedgerKind.Created => new("Project created", "创建项目"),
        LedgerKind.StageChanged => new("Stage changed", "阶段变更"),
        LedgerKind.Updated => new("Updated", "信息更新"),
        LedgerKind.Note => new("Note", "备注"),
        LedgerKind.ProblemRaised => new("Problem raised", "提出难题"),
        LedgerKind.ProblemResolved => new("Problem resolved", "难题解决"),
        LedgerKind.Investment => new("Investment recorded", "投资记录"),
        LedgerKind.Dispatch => new("Weekly dispatch", "周例会调度"),
        LedgerKind.Closed => new("Closed", "结项"),
        _ => new(WireNames.Wire(kind)),
    };

    /// <summary>A ledger line's text for a stage change: "签约 → 手续办理".</summary>
    public static LocalizedText StageChange(ProjectStage from, ProjectStage to) =>
        new($"{Stage(from).En} → {Stage(to).En}", $"{Stage(from).ZhCn} → {Stage(to).ZhCn}");

    /// <summary>A wire name of one of the enums above in words, or null when it is none of theirs.</summary>
    public static LocalizedText? OfWire<TEnum>(string wire, Func<TEnum, LocalizedText> words) where TEnum : struct, Enum =>
        WireNames.TryParse<TEnum>(wire, out var value) ? words(value) : null;

    /// <summary>Every value of an enum with its words, for a choice in the designer.</summary>
    public static IReadOnlyDictionary<string, LocalizedText> Choices<TEnum>(Func<TEnum, LocalizedText> words, Func<TEnum, bool>? where = null)
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Where(v => where?.Invoke(v) ?? true).ToDictionary(WireNames.Wire, words, StringComparer.Ordinal);
}
