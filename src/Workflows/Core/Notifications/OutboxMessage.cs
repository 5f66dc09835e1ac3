namespace Butler.Workflows.Notifications;

/// <summary>An e-mail written in the same transaction as the state change that caused it, delivered after commit.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    /// <summary>Unique: the same effect (e.g. reminder 0 of task X to user Y) is stored, and sent, once.</summary>
    public string DedupKey { get; set; } = "";
    public string Recipient { get; set; } = "";
    public string? RecipientName { get; set; }
    public string Subject { get; set; } = "";
    public string HtmlBody { get; set; } = "";
    public string TextBody { get; set; } = "";
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>While sending, the time until which this host holds the message; another host may take it over after.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
}
