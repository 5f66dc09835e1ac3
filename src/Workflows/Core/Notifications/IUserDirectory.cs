namespace Butler.Workflows.Notifications;

/// <summary>Looks people up in the host's user store; the engine knows users only by name.</summary>
public interface IUserDirectory
{
    Task<IReadOnlyList<Recipient>> ResolveAsync(IReadOnlyCollection<RecipientSpec> specs, CancellationToken ct);
}

/// <summary>Knows nobody; the host replaces it with its user store.</summary>
internal sealed class NoUserDirectory : IUserDirectory
{
    public Task<IReadOnlyList<Recipient>> ResolveAsync(IReadOnlyCollection<RecipientSpec> specs, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Recipient>>([]);
}
