namespace Butler.Workflows.Runtime;

/// <summary>Who is acting: a user name and the roles they hold. Null user name means the system.</summary>
public sealed record Actor(string UserName, IReadOnlyCollection<string> Roles)
{
    public static Actor System { get; } = new("system", []);

    /// <summary>
    /// 代理人: the people whose out-of-office proxy this actor is right now; work assigned to them by name is also the
    /// actor's to do, on their behalf. The host fills it when it builds the actor for a request.
    /// </summary>
    public IReadOnlyCollection<string> Represents { get; init; } = [];

    /// <summary>
    /// The person this actor acts for in the present stimulus, as their proxy; the journal records it beside the actor
    /// (JournalEntry.OnBehalfOf). Null when they act for themselves.
    /// </summary>
    public string? OnBehalfOf { get; init; }

    /// <summary>This actor acting on <paramref name="principal"/>'s behalf; itself when <paramref name="principal"/> is null or the actor.</summary>
    public Actor ActingFor(string? principal) => principal is null || IsNamed(principal) ? this : this with { OnBehalfOf = principal };

    public bool IsInRole(string role) => Roles.Any(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when <paramref name="userName"/> is the actor themself.</summary>
    public bool IsNamed(string? userName) => userName is not null && string.Equals(userName, UserName, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="userName"/> is someone the actor stands in for as their proxy.</summary>
    public bool Stands(string? userName) =>
        userName is not null && Represents.Any(r => string.Equals(r, userName, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when work named for <paramref name="userName"/> is the actor's: it is them, or they are its proxy.</summary>
    public bool ActsFor(string? userName) => IsNamed(userName) || Stands(userName);
}
