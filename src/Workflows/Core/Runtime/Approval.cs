namespace Butler.Workflows.Runtime;

/// <summary>A decision asked of one or more approvers: by an Approval activity, or opened by an escalation of a task.</summary>
public sealed class Approval : IVersioned
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string ActivityId { get; set; } = "";

    /// <summary>Set when an escalation opened this approval about a task.</summary>
    public Guid? EscalatedTaskId { get; set; }
    public int? EscalationStep { get; set; }
    public Activities.LocalizedText Title { get; set; } = new("");
    public Activities.LocalizedText? Reason { get; set; }

    /// <summary>any | all | majority (会签) | sequential (依次审批) | weighted (票签).</summary>
    public string Mode { get; set; } = "any";

    /// <summary>票签: each named approver's weight (1 when not listed), as a JSON object; null unless weighted.</summary>
    public string? WeightsJson { get; set; }

    /// <summary>票签: the weight an outcome needs to be decided; null unless weighted.</summary>
    public int? Threshold { get; set; }

    /// <summary>加签: the people added after the approval opened, as a JSON array of <see cref="ApprovalSigner"/>.</summary>
    public string SignersJson { get; set; } = "[]";
    public string OutcomesJson { get; set; } = "[]";

    /// <summary>JSON array of <c>{user}</c> / <c>{role}</c> specs, already resolved from expressions.</summary>
    public string ApproversJson { get; set; } = "[]";
    public ApprovalStatus Status { get; set; }
    public string? Outcome { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>Optimistic concurrency token: every vote touches it, so two last votes cast at once cannot both miss the decision.</summary>
    public int Revision { get; set; }

    public const string Approve = "Approve";
    public const string Reject = "Reject";
    public const string Extend = "Extend";
    public const string Reassign = "Reassign";

    public IReadOnlyList<string> Outcomes => System.Text.Json.JsonSerializer.Deserialize<string[]>(OutcomesJson) ?? [];

    public IReadOnlyList<Notifications.RecipientSpec> Approvers =>
        System.Text.Json.JsonSerializer.Deserialize<Notifications.RecipientSpec[]>(ApproversJson, Definitions.DefinitionJson.Options) ?? [];

    /// <summary>True when the actor is a named approver or holds an approver role.</summary>
    public bool IsApprover(Actor actor) => Approvers.Any(a =>
        (a.User is not null && string.Equals(a.User, actor.UserName, StringComparison.OrdinalIgnoreCase))
        || (a.Role is not null && actor.IsInRole(a.Role)));

    /// <summary>The outcome the votes so far decide, by the countersign mode; null while undecided.</summary>
    public string? Tally(IReadOnlyList<ApprovalVote> votes)
    {
        if (votes.Count == 0)
        {
            return null;
        }
        var needed = Math.Max(1, Approvers.Count);
        var counts = votes.GroupBy(v => v.Outcome, StringComparer.Ordinal)
            .Select(g => (Outcome: g.Key, Count: g.Count(), First: g.Min(v => v.At)))
            .OrderByDescending(c => c.Count).ThenBy(c => c.First).ToList();
        switch (Mode)
        {
            case "all":
                // Unanimity: one vote other than Approve decides at once (a veto); Approve needs everyone.
                var veto = votes.OrderBy(v => v.At).FirstOrDefault(v => v.Outcome != Approve);
                if (veto is not null && Outcomes.Contains(Approve))
                {
                    return veto.Outcome;
                }
                return votes.Count >= needed ? counts[0].Outcome : null;
            case "majority":
                if (counts[0].Count * 2 > needed)
                {
                    return counts[0].Outcome;
                }
                if (votes.Count < needed)
                {
                    return null;
                }
                // Everyone voted without a majority: a tie is not an approval.
                return counts.Count > 1 && counts[0].Count == counts[1].Count && Outcomes.Contains(Reject) ? Reject : counts[0].Outcome;
            default:
                return votes.OrderBy(v => v.At).First().Outcome;
        }
    }

    /// <summary>Closes the approval with its outcome; a second decision is refused.</summary>
    public void Decide(string outcome, DateTimeOffset at)
    {
        if (Status != ApprovalStatus.Pending)
        {
            throw new InvalidOperationException($"Approval {Id} is {Status} and cannot be decided again.");
        }
        Status = ApprovalStatus.Decided;
        Outcome = outcome;
        DecidedAt = at;
    }

    public void Cancel(DateTimeOffset at)
    {
        if (Status == ApprovalStatus.Pending)
        {
            Status = ApprovalStatus.Cancelled;
            DecidedAt = at;
        }
    }
}
