using Butler.Workflows.Notifications;

namespace Butler.Workflows.Tests.Deadlines;

/// <summary>A small user store for deadline scenarios: names, e-mail addresses, languages and roles.</summary>
public sealed class TestUserDirectory : IUserDirectory
{
    private readonly List<(Recipient Person, string[] Roles)> _users =
    [
        (new Recipient("squad", "小队员", "squad@example.test", "zh-CN"), ["Squad"]),
        // A member without an e-mail address gets the in-app notification only.
        (new Recipient("squadmate", "Mate", null, "en"), ["Squad"]),
        (new Recipient("leader", "Leader Li", "leader@example.test", "en"), ["Leader"]),
        (new Recipient("deputy", "Deputy Wang", "deputy@example.test", "zh-CN"), ["Leader"]),
        (new Recipient("admin", "Admin", "admin@example.test", "en"), ["Admin"]),
    ];

    /// <summary>Squad members: they receive what is sent to the role Squad.</summary>
    public static readonly IReadOnlyList<string> SquadMembers = ["squad", "squadmate"];

    public Task<IReadOnlyList<Recipient>> ResolveAsync(IReadOnlyCollection<RecipientSpec> specs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var found = new List<Recipient>();
        foreach (var spec in specs)
        {
            foreach (var (person, roles) in _users)
            {
                var named = spec.User is not null && string.Equals(spec.User, person.UserName, StringComparison.OrdinalIgnoreCase);
                var member = spec.Role is not null && roles.Contains(spec.Role, StringComparer.OrdinalIgnoreCase);
                if ((named || member) && !found.Contains(person))
                {
                    found.Add(person);
                }
            }
        }
        return Task.FromResult<IReadOnlyList<Recipient>>(found);
    }
}
