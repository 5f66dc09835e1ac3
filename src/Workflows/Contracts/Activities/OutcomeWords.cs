namespace Butler.Workflows.Activities;

/// <summary>
/// The words for the outcome codes Butler's activities and shipped definitions use ("Done", "Approve", "OnSiteOffice"…),
/// in both languages: one list for the pages, the mails, the exports and the designer. An outcome a definition invents is
/// shown as it is written.
/// </summary>
public static class OutcomeWords
{
    private static readonly Dictionary<string, LocalizedText> Known = new(StringComparer.Ordinal)
    {
        ["Done"] = new("Done", "完成"),
        ["Approve"] = new("Approve", "同意"),
        ["Reject"] = new("Reject", "驳回"),
        ["Extend"] = new("Extend", "延期"),
        ["Reassign"] = new("Reassign", "改派"),
        ["OnSiteOffice"] = new("Leader on-site office", "领导现场办公"),
        ["NotNeeded"] = new("Not needed", "无需办理"),
        ["Proposed"] = new("Proposed", "提交方案"),
        ["Started"] = new("Started", "已开工"),
        ["Resolved"] = new("Resolved", "已解决"),
        ["Responded"] = new("Responded", "已响应"),
        ["Assessed"] = new("Assessed", "已研判"),
        ["Dropped"] = new("Dropped", "放弃"),
        ["TimedOut"] = new("Timed out", "已超时"),
    };

    /// <summary>Every outcome Butler has words for, by its code.</summary>
    public static IReadOnlyDictionary<string, LocalizedText> All => Known;

    /// <summary>The outcome in both languages; an unknown outcome the same in both, as written.</summary>
    public static LocalizedText Of(string outcome) => Known.TryGetValue(outcome, out var words) ? words : new LocalizedText(outcome);

    /// <summary>The outcome in the given culture.</summary>
    public static string For(string outcome, string? culture) => Of(outcome).For(culture);

    /// <summary>True when Butler has words for the outcome.</summary>
    public static bool IsKnown(string outcome) => Known.ContainsKey(outcome);
}
