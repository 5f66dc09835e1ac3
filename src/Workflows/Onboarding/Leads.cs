namespace Butler.Workflows.Onboarding;

/// <summary>
/// How a lead moves: forward through new → assessed → deep negotiation → signed, possibly skipping steps, or to
/// dropped from any open status. Signed and dropped are final.
/// </summary>
public static class LeadProgress
{
    /// <summary>True when a lead may go from <paramref name="from"/> to <paramref name="to"/>; staying put is always allowed.</summary>
    public static bool CanMove(LeadStatus from, LeadStatus to) =>
        from == to || (!IsFinal(from) && (to == LeadStatus.Dropped || to > from));

    public static bool IsFinal(LeadStatus status) => status is LeadStatus.Signed or LeadStatus.Dropped;

    /// <summary>The statuses a lead in <paramref name="from"/> may move to, for error messages and the UI.</summary>
    public static IReadOnlyList<LeadStatus> NextOf(LeadStatus from) =>
        [.. Enum.GetValues<LeadStatus>().Where(to => to != from && CanMove(from, to))];

    /// <summary>
    /// Moves the lead and stamps the day of every step it reached; a step skipped on the way (new → signed) is stamped
    /// with the same day, so "reached deep negotiation in 2025" counts every lead that got that far.
    /// </summary>
    /// <exception cref="InvalidOperationException">The move is not allowed; check <see cref="CanMove"/> first.</exception>
    /// <returns>True when the status changed.</returns>
    public static bool Move(Lead lead, LeadStatus to, DateOnly day, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(lead);
        if (lead.Status == to)
        {
            return false;
        }
        if (!CanMove(lead.Status, to))
        {
            throw new InvalidOperationException($"A {WireNames.Wire(lead.Status)} lead cannot become {WireNames.Wire(to)}.");
        }
        if (to == LeadStatus.Dropped)
        {
            lead.DroppedOn ??= day;
        }
        else
        {
            if (to >= LeadStatus.Assessed)
            {
                lead.AssessedOn ??= day;
            }
            if (to >= LeadStatus.DeepNegotiation)
            {
                lead.NegotiationOn ??= day;
            }
            if (to >= LeadStatus.Signed)
            {
                lead.SignedOn ??= day;
            }
        }
        lead.Status = to;
        lead.UpdatedAt = at;
        return true;
    }

    /// <summary>The local date of an instant in the deployment's time zone: the day a step is stamped with.</summary>
    public static DateOnly DayOf(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
}
