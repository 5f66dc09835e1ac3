namespace Butler.Workflows.Notifications;

/// <summary>Builds the links put into messages; the host signs one-click decision links.</summary>
public interface IDecisionLinks
{
    /// <summary>Links for an approver; <paramref name="oneClick"/> adds signed approve/extend links bound to that approver.</summary>
    IReadOnlyList<MessageLink> ForApproval(Guid approvalId, string approver, bool oneClick);

    /// <summary>Where a task opens in Butler, if there is a web address.</summary>
    string? ForTask(Guid taskId);
}

internal sealed class NoDecisionLinks : IDecisionLinks
{
    public IReadOnlyList<MessageLink> ForApproval(Guid approvalId, string approver, bool oneClick) => [];

    public string? ForTask(Guid taskId) => null;
}

/// <summary>Knows nobody; the host replaces it with its user store.</summary>
internal sealed class NoUserDirectory : IUserDirectory
{
    public Task<IReadOnlyList<Recipient>> ResolveAsync(IReadOnlyCollection<RecipientSpec> specs, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Recipient>>([]);
}
