namespace Butler.Workflows.Runtime;

/// <summary>
/// Remembers an idempotency key so the same stimulus twice does its work once; written in the transaction of the
/// work. A key sent by an API client also keeps what the first request was (its fingerprint) and, once the host has
/// answered it, the answer, so a replay gets the same status, body and location.
/// </summary>
public sealed class ProcessedStimulus
{
    /// <summary>The key as the engine sees it: for an API client, scoped to the caller, the operation and its target.</summary>
    public string Key { get; set; } = "";
    public Guid InstanceId { get; set; }
    public string Kind { get; set; } = "";
    public DateTimeOffset At { get; set; }

    /// <summary>The HTTP request that did the work; another request finding this row is a replay.</summary>
    public Guid? RequestId { get; set; }

    /// <summary>A hash of what the first request asked; a replay asking something else is refused.</summary>
    public string? Fingerprint { get; set; }

    public int? ResponseStatus { get; set; }
    public string? ResponseContentType { get; set; }
    public string? ResponseBody { get; set; }
    public string? ResponseLocation { get; set; }
}
