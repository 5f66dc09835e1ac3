namespace Butler.Workflows.Notifications;

/// <summary>Builds the links put into messages; the host signs one-click decision links.</summary>
public interface IDecisionLinks
{
    /// <summary>
    /// Links for an approver: one that opens the approval, and signed one-click links bound to that approver for those of
    /// <paramref name="oneClickOutcomes"/> a link can decide without asking anything (approve, extend by three working
    /// days); empty for none. Only outcomes the approval offers belong in it, or the link is refused when followed.
    /// </summary>
    IReadOnlyList<MessageLink> ForApproval(Guid approvalId, string approver, IReadOnlyCollection<string> oneClickOutcomes);

    /// <summary>Where a task opens in Butler, if there is a web address.</summary>
    string? ForTask(Guid taskId);

    /// <summary>Where a copy (抄送) opens in Butler, if there is a web address.</summary>
    string? ForCopy(Guid copyId);
}

internal sealed class NoDecisionLinks : IDecisionLinks
{
    public IReadOnlyList<MessageLink> ForApproval(Guid approvalId, string approver, IReadOnlyCollection<string> oneClickOutcomes) => [];

    public string? ForTask(Guid taskId) => null;

    public string? ForCopy(Guid copyId) => null;
}
