using Butler.Workflows.Notifications;

namespace Butler.Workflows.Sandbox;

/// <summary>
/// Names the people a test run would notify: the host's users as they are (read only), and for a user or role the host
/// does not know, a stand-in at the reserved <c>.invalid</c> domain, so the designer still sees who a mail is meant for.
/// Nothing addressed here is ever sent: a test run has no mailer.
/// </summary>
public sealed class SandboxUserDirectory(IUserDirectory host) : IUserDirectory
{
    /// <summary>The domain of stand-in addresses; reserved by RFC 2606, it can never be delivered.</summary>
    public const string StandInDomain = "sandbox.invalid";

    public async Task<IReadOnlyList<Recipient>> ResolveAsync(IReadOnlyCollection<RecipientSpec> specs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var found = new Dictionary<string, Recipient>(StringComparer.OrdinalIgnoreCase);
        foreach (var spec in specs)
        {
            var people = await host.ResolveAsync([spec], ct);
            if (people.Count == 0)
            {
                var name = spec.User is { Length: > 0 } user ? user : spec.Role is { Length: > 0 } role ? "role:" + role : null;
                if (name is not null)
                {
                    people = [new Recipient(name, name, StandInAddress(name), "zh-CN")];
                }
            }
            foreach (var person in people)
            {
                found.TryAdd(person.UserName, person);
            }
        }
        return [.. found.Values];
    }

    private static string StandInAddress(string name)
    {
        var local = new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-')]).Trim('-', '.');
        return (local.Length == 0 ? "someone" : local) + "@" + StandInDomain;
    }
}
