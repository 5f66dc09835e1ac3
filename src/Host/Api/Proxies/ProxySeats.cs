using Butler.Workflows.Runtime;

namespace Butler.Host.Api.Proxies;

/// <summary>Whose work reaches a reader only as their proxy (代理人), for the notes in the lists: "代 李副区长 审批".</summary>
public static class ProxySeats
{
    /// <summary>
    /// The named approver or signer (加签) the actor would decide for, or null when the approval is the actor's own (by
    /// name, role or as a signer) or reaches them otherwise.
    /// </summary>
    public static string? PrincipalOf(Approvals.ApprovalView approval, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(approval);
        ArgumentNullException.ThrowIfNull(actor);
        var named = approval.Approvers.Select(a => a.User).Concat(approval.Signers.Select(s => s.User)).ToList();
        return named.Any(actor.IsNamed) || approval.Approvers.Any(a => a.Role is not null && actor.IsInRole(a.Role))
            ? null
            : named.FirstOrDefault(actor.Stands);
    }
}
