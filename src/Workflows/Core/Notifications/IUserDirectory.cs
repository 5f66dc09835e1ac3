namespace Butler.Workflows.Notifications;

/// <summary>Looks people up in the host's user store; the engine knows users only by name.</summary>
public interface IUserDirectory
{
    Task<IReadOnlyList<Recipient>> ResolveAsync(IReadOnlyCollection<RecipientSpec> specs, CancellationToken ct);

    /// <summary>
    /// 代理人: the people standing in right now for any of <paramref name="userNames"/> as their out-of-office proxy (a
    /// proxy's proxy followed once), none of the names themselves; what is told to a person by name is told to them too.
    /// A host without proxies has none.
    /// </summary>
    Task<IReadOnlyList<Recipient>> ProxiesAsync(IReadOnlyCollection<string> userNames, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Recipient>>([]);
}

/// <summary>Knows nobody; the host replaces it with its user store.</summary>
internal sealed class NoUserDirectory : IUserDirectory
{
    public Task<IReadOnlyList<Recipient>> ResolveAsync(IReadOnlyCollection<RecipientSpec> specs, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Recipient>>([]);
}
