namespace Butler.Workflows.Runtime;

/// <summary>
/// Why an instance faulted: which activity, which expression, what message. An incident is resolved when the instance
/// is retried; the <see cref="JournalKind.InstanceRetried"/> entry naming it (see <see cref="ResolvedBy"/>) says by whom and when.
/// </summary>
public sealed class Incident
{
    private const string JournalPrefix = "incident:";

    /// <summary>The detail of the journal entry that resolves this incident.</summary>
    public string ResolutionDetail => JournalPrefix + Id.ToString("D");

    /// <summary>The retry entries of a journal by the incident each resolved.</summary>
    public static IReadOnlyDictionary<Guid, JournalEntry> ResolvedBy(IEnumerable<JournalEntry> journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var resolved = new Dictionary<Guid, JournalEntry>();
        foreach (var entry in journal.Where(j => j.Kind == JournalKind.InstanceRetried))
        {
            if (entry.Detail is { } detail && detail.StartsWith(JournalPrefix, StringComparison.Ordinal)
                && Guid.TryParse(detail.AsSpan(JournalPrefix.Length), out var id))
            {
                resolved[id] = entry;
            }
        }
        return resolved;
    }

    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string? ActivityId { get; set; }
    public DateTimeOffset At { get; set; }
    public string Kind { get; set; } = "";
    public string Message { get; set; } = "";
    public string? Expression { get; set; }
}
