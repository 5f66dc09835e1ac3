using Butler.Workflows.Notifications;

namespace Butler.Workflows.Runtime;

/// <summary>
/// How the votes on one approval stand: the outcome they decide, who may vote now, and whom it waits for.
/// </summary>
/// <remarks>
/// The approvers are the approval's seats, tallied by its mode. 加签 adds people in two ways: beside the approvers
/// (<see cref="ApprovalSigner.Parallel"/> with no <see cref="ApprovalSigner.Of"/>: one more seat), or as a gate on one
/// seat (Of names its approver) or on the whole approval (Of null, before or after). A gated seat counts only once its
/// gates have approved too: the <c>before</c> signers vote first, the <c>after</c> signers once the seat (or the whole
/// approval) has approved, the <c>parallel</c> ones at any time; any gate's other outcome is the seat's outcome.
/// </remarks>
internal sealed class ApprovalTally
{
    private readonly Approval _approval;
    private readonly IReadOnlyList<ApprovalVote> _votes;

    // The approval's JSON is read once per tally; a tally answers several questions about the same votes.
    private readonly IReadOnlyList<ApprovalSigner> _signers;
    private readonly IReadOnlyList<string> _outcomes;
    private readonly IReadOnlyDictionary<string, int> _weights;
    private readonly IReadOnlyList<RecipientSpec> _seats;
    private List<ApprovalVote>? _seatVotes;

    public ApprovalTally(Approval approval, IReadOnlyList<ApprovalVote> votes)
    {
        _approval = approval;
        _votes = votes;
        _signers = approval.Signers;
        _outcomes = approval.Outcomes;
        _weights = approval.Weights ?? new Dictionary<string, int>();
        _seats = [.. approval.Approvers, .. _signers.Where(IsSeat).Select(s => new RecipientSpec(s.User, null))];
    }

    private static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool IsSeat(ApprovalSigner s) => s.Of is null && s.Position == ApprovalSigner.Parallel;

    private bool IsGate(string user) => _signers.Any(s => !IsSeat(s) && Same(s.User, user));

    private IEnumerable<ApprovalSigner> GatesOf(string? seat, params string[] positions) =>
        _signers.Where(s => !IsSeat(s) && positions.Contains(s.Position) && (seat is null ? s.Of is null : Same(s.Of, seat)));

    private ApprovalVote? VoteOf(string user) => _votes.FirstOrDefault(v => Same(v.Approver, user));

    /// <summary>A seat (or the whole approval) with its gates: its own outcome counts once every gate approved; a gate's other outcome decides it.</summary>
    private static (string Outcome, DateTimeOffset At)? Gated(ApprovalVote? own, IReadOnlyList<ApprovalVote?> gates)
    {
        var cast = gates.Where(g => g is not null).Append(own).OfType<ApprovalVote>().ToList();
        if (cast.Where(v => v.Outcome != Approval.Approve).OrderBy(v => v.At).FirstOrDefault() is { } veto)
        {
            return (veto.Outcome, veto.At);
        }
        return own is not null && gates.All(g => g is not null) ? (own.Outcome, cast.Max(v => v.At)) : null;
    }

    /// <summary>The seats' outcomes so far, each once its gates allow, in the order they became final.</summary>
    private List<ApprovalVote> SeatVotes() => _seatVotes ??= CountSeats();

    private List<ApprovalVote> CountSeats()
    {
        var names = _votes.Where(v => !IsGate(v.Approver)).Select(v => v.Approver)
            .Concat(_signers.Where(s => s.Of is not null).Select(s => s.Of!))
            .Distinct(StringComparer.OrdinalIgnoreCase);
        var result = new List<ApprovalVote>();
        foreach (var name in names)
        {
            var own = _votes.FirstOrDefault(v => Same(v.Approver, name) && !IsGate(v.Approver));
            if (Gated(own, [.. GatesOf(name, ApprovalSigner.Before, ApprovalSigner.After, ApprovalSigner.Parallel).Select(g => VoteOf(g.User))]) is { } seat)
            {
                result.Add(new ApprovalVote { Approver = name, Outcome = seat.Outcome, At = seat.At });
            }
        }
        return [.. result.OrderBy(v => v.At)];
    }

    /// <summary>What the seats decide by the mode, before the gates on the whole approval.</summary>
    private string? SeatOutcome(List<ApprovalVote> seatVotes)
    {
        if (seatVotes.Count == 0)
        {
            return null;
        }
        var needed = Math.Max(1, _seats.Count);
        var outcomes = _outcomes;
        var counts = seatVotes.GroupBy(v => v.Outcome, StringComparer.Ordinal)
            .Select(g => (Outcome: g.Key, Count: g.Count(), First: g.Min(v => v.At)))
            .OrderByDescending(c => c.Count).ThenBy(c => c.First).ToList();
        switch (_approval.Mode)
        {
            case "all":
            case "sequential":
                // Unanimity (and its ordered form): one outcome other than Approve decides at once; Approve needs every seat.
                if (seatVotes.FirstOrDefault(v => v.Outcome != Approval.Approve) is { } veto && outcomes.Contains(Approval.Approve))
                {
                    return veto.Outcome;
                }
                return seatVotes.Count >= needed ? counts[0].Outcome : null;
            case "majority":
                if (counts[0].Count * 2 > needed)
                {
                    return counts[0].Outcome;
                }
                if (seatVotes.Count < needed)
                {
                    return null;
                }
                // Everyone voted without a majority: a tie is not an approval.
                return counts.Count > 1 && counts[0].Count == counts[1].Count && outcomes.Contains(Approval.Reject) ? Approval.Reject : counts[0].Outcome;
            case "weighted":
                return Weighed(seatVotes, needed);
            default:
                return seatVotes[0].Outcome;
        }
    }

    /// <summary>票签: the first outcome whose weight reaches the threshold; when everyone voted and none did, Reject (where offered).</summary>
    private string? Weighed(List<ApprovalVote> seatVotes, int needed)
    {
        var threshold = _approval.Threshold ?? 1;
        var sums = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var vote in seatVotes)
        {
            sums[vote.Outcome] = sums.GetValueOrDefault(vote.Outcome) + _weights.GetValueOrDefault(vote.Approver, 1);
            if (sums[vote.Outcome] >= threshold)
            {
                return vote.Outcome;
            }
        }
        if (seatVotes.Count < needed)
        {
            return null;
        }
        return _outcomes.Contains(Approval.Reject) ? Approval.Reject : sums.OrderByDescending(s => s.Value).First().Key;
    }

    /// <summary>The outcome the votes decide, or null while they do not.</summary>
    public string? Outcome()
    {
        var seatVotes = SeatVotes();
        var seats = SeatOutcome(seatVotes);
        var own = seats is null ? null : new ApprovalVote { Outcome = seats, At = seatVotes.Max(v => v.At) };
        return Gated(own, [.. GatesOf(null, ApprovalSigner.Before, ApprovalSigner.After).Select(g => VoteOf(g.User))])?.Outcome;
    }

    /// <summary>Null when <paramref name="actor"/> (an approver or signer who has not voted) may vote now; else whom the approval waits for first.</summary>
    public IReadOnlyList<RecipientSpec>? NotYet(Actor actor)
    {
        var waiting = Awaiting();
        return waiting.Any(w => (w.User is not null && Same(w.User, actor.UserName)) || (w.Role is not null && actor.IsInRole(w.Role)))
            ? null
            : waiting;
    }

    /// <summary>Who may vote now and has not: the people (and roles) the approval waits for.</summary>
    public IReadOnlyList<RecipientSpec> Awaiting()
    {
        if (Outcome() is not null)
        {
            return [];
        }
        var result = new List<RecipientSpec>();
        bool Voted(string user) => VoteOf(user) is not null;
        bool Approved(IEnumerable<ApprovalSigner> gates) => gates.All(g => VoteOf(g.User)?.Outcome == Approval.Approve);
        var seatVotes = SeatVotes();
        var opened = Approved(GatesOf(null, ApprovalSigner.Before));
        var seats = _seats;
        var current = _approval.Mode == "sequential" ? seats.Skip(seatVotes.Count(v => v.Outcome == Approval.Approve)).Take(1).ToList() : seats;
        foreach (var gate in _signers.Where(s => !IsSeat(s) && !Voted(s.User)))
        {
            // 依次审批: a seat's signers wait, like the seat, for its turn.
            if (_approval.Mode == "sequential" && gate.Of is not null && !current.Any(c => Same(c.User, gate.Of)) && VoteOf(gate.Of) is null)
            {
                continue;
            }
            var ready = gate.Position != ApprovalSigner.After
                || (gate.Of is null
                    ? SeatOutcome(seatVotes) == Approval.Approve
                    : VoteOf(gate.Of)?.Outcome == Approval.Approve && Approved(GatesOf(gate.Of, ApprovalSigner.Before)));
            // A gate on a seat waits, like the seat, for the approval's own before-signers.
            if (ready && (gate.Of is null || opened))
            {
                result.Add(new RecipientSpec(gate.User, null));
            }
        }
        if (!opened)
        {
            return result;
        }
        foreach (var seat in current)
        {
            if (seat.User is { } user)
            {
                if (!Voted(user) && Approved(GatesOf(user, ApprovalSigner.Before)))
                {
                    result.Add(seat);
                }
            }
            else
            {
                result.Add(seat);
            }
        }
        return result;
    }
}
