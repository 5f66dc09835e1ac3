using Butler.Workflows.Notifications;
using Butler.Workflows.Runtime;

namespace Butler.Host.Api.Proxies;

/// <summary>Whose work reaches a reader only as their proxy (代理人), for the notes in the lists: "代 李副区长审批".</summary>
public static class ProxySeats
{
    /// <summary>The named approver the actor would decide for, or null when the approval is theirs (by name or role) or reaches them otherwise.</summary>
    public static string? PrincipalOf(IEnumerable<RecipientSpec> approvers, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(approvers);
        ArgumentNullException.ThrowIfNull(actor);
        var list = approvers.ToList();
        return list.Any(a => actor.IsNamed(a.User) || (a.Role is not null && actor.IsInRole(a.Role)))
            ? null
            : list.Select(a => a.User).FirstOrDefault(actor.Stands);
    }
}
