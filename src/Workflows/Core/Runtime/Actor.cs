namespace Butler.Workflows.Runtime;

/// <summary>Who is acting: a user name and the roles they hold. Null user name means the system.</summary>
public sealed record Actor(string UserName, IReadOnlyCollection<string> Roles)
{
    public static Actor System { get; } = new("system", []);

    public bool IsInRole(string role) => Roles.Any(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));
}
