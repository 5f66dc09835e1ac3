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

    /// <summary>加签: the people added after the approval opened.</summary>
    public IReadOnlyList<ApprovalSigner> Signers =>
        System.Text.Json.JsonSerializer.Deserialize<ApprovalSigner[]>(SignersJson, Definitions.DefinitionJson.Options) ?? [];

    /// <summary>票签: the approvers' weights by user name (any case); null unless weighted. An approver not listed weighs 1.</summary>
    public IReadOnlyDictionary<string, int>? Weights => WeightsJson is null ? null
        : new Dictionary<string, int>(System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(WeightsJson) ?? [], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// True when the actor is a named approver, holds an approver role, or was added as a signer — or stands in for a
    /// named approver or signer as their proxy (代理人).
    /// </summary>
    public bool IsApprover(Actor actor) => Approvers.Any(a =>
        (a.User is not null && actor.ActsFor(a.User))
        || (a.Role is not null && actor.IsInRole(a.Role)))
        || Signers.Any(s => actor.ActsFor(s.User));

    /// <summary>
    /// The seat the actor votes in: their own while they have not voted, else that of a named approver or signer they
    /// stand in for as proxy (代理人) who has not voted — one whose turn it is first; null when every seat the actor may
    /// take has its vote. A vote in a principal's seat counts as theirs, so either of the two may vote, once.
    /// </summary>
    public string? SeatOf(Actor actor, IReadOnlyList<ApprovalVote> votes)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(votes);
        bool Voted(string name) => votes.Any(v => string.Equals(v.Approver, name, StringComparison.OrdinalIgnoreCase));
        var approvers = Approvers;
        var own = approvers.Any(a => actor.IsNamed(a.User) || (a.Role is not null && actor.IsInRole(a.Role))) || IsSigner(actor.UserName);
        List<string> seats = [.. own && !Voted(actor.UserName) ? [actor.UserName] : Array.Empty<string>(),
            .. approvers.Select(a => a.User).OfType<string>().Concat(Signers.Select(s => s.User))
                .Where(u => actor.Stands(u) && !Voted(u)).Distinct(StringComparer.OrdinalIgnoreCase)];
        return seats.FirstOrDefault(seat => NotYet(SeatHolder(actor, seat), votes) is null) ?? seats.FirstOrDefault();
    }

    /// <summary>Who votes in <paramref name="seat"/>: the actor for their own, the principal (by name) for one they stand in for.</summary>
    public static Actor SeatHolder(Actor actor, string seat)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsNamed(seat) ? actor : new Actor(seat, []);
    }

    /// <summary>True when the actor was added as a signer (加签).</summary>
    public bool IsSigner(string userName) => Signers.Any(s => string.Equals(s.User, userName, StringComparison.OrdinalIgnoreCase));

    /// <summary>The outcome the votes so far decide, by the countersign mode and the added signers; null while undecided.</summary>
    public string? Tally(IReadOnlyList<ApprovalVote> votes) => new ApprovalTally(this, votes).Outcome();

    /// <summary>Whom a pending approval waits for now (依次审批: only the next in order; 加签: signers in their turn).</summary>
    public IReadOnlyList<Notifications.RecipientSpec> Awaiting(IReadOnlyList<ApprovalVote> votes) =>
        Status == ApprovalStatus.Pending ? new ApprovalTally(this, votes).Awaiting() : [];

    /// <summary>Null when the approver may vote now; else the people it waits for first (not their turn yet).</summary>
    public IReadOnlyList<Notifications.RecipientSpec>? NotYet(Actor actor, IReadOnlyList<ApprovalVote> votes) =>
        new ApprovalTally(this, votes).NotYet(actor);

    /// <summary>Adds signers (加签); the caller has checked who may and whom.</summary>
    public void AddSigners(IEnumerable<ApprovalSigner> added)
    {
        SignersJson = System.Text.Json.JsonSerializer.Serialize<ApprovalSigner[]>([.. Signers, .. added], Definitions.DefinitionJson.Options);
    }

    /// <summary>Removes a signer who has not voted (减签).</summary>
    public void RemoveSigner(string userName)
    {
        SignersJson = System.Text.Json.JsonSerializer.Serialize<ApprovalSigner[]>(
            [.. Signers.Where(s => !string.Equals(s.User, userName, StringComparison.OrdinalIgnoreCase))], Definitions.DefinitionJson.Options);
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
