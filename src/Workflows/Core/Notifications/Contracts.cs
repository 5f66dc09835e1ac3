namespace Butler.Workflows.Notifications;

/// <summary>
/// A person who can receive a notification, as the host's user store knows them; <paramref name="DeclinedMail"/> names
/// the kinds of message (<see cref="NotificationKind"/> names) they want in the app only, not by e-mail.
/// </summary>
public sealed record Recipient(string UserName, string? DisplayName, string? Email, string Language, IReadOnlySet<string>? DeclinedMail = null)
{
    /// <summary>Whether a message of this kind also goes out by e-mail (given an address); in-app notifications always do.</summary>
    public bool WantsMail(string kind) => DeclinedMail is null || !DeclinedMail.Contains(kind);
}

/// <summary>Names people: a user, every member of a role.</summary>
public sealed record RecipientSpec(string? User, string? Role);

/// <summary>Looks people up in the host's user store; the engine knows users only by name.</summary>
public interface IUserDirectory
{
    Task<IReadOnlyList<Recipient>> ResolveAsync(IReadOnlyCollection<RecipientSpec> specs, CancellationToken ct);
}

/// <summary>The kinds of message the engine sends.</summary>
public enum NotificationKind
{
    /// <summary>A task is due soon (to its assignee).</summary>
    Reminder,

    /// <summary>A task is overdue and escalated (to the people named by the ladder).</summary>
    Escalation,

    /// <summary>An approval waits for this person's decision (with one-click links when opened by an escalation).</summary>
    ApprovalRequested,

    /// <summary>An approval was decided (to the task's assignee and the approvers).</summary>
    ApprovalDecided,
}

/// <summary>A link in a message: what it does and where it goes.</summary>
public sealed record MessageLink(MessageLinkKind Kind, string Url);

public enum MessageLinkKind
{
    Open,
    Approve,
    Extend,
}

/// <summary>What a template needs to render one message; every string here is user-supplied and must be escaped in HTML.</summary>
public sealed record NotificationModel(
    NotificationKind Kind,
    string Title,
    Guid InstanceId,
    Guid? TaskId = null,
    Guid? ApprovalId = null,
    DateTimeOffset? DueAt = null,
    int? OverdueWorkingDays = null,
    string? Reason = null,
    string? Outcome = null,
    string? Comment = null,
    string? Actor = null,
    IReadOnlyList<MessageLink>? Links = null);
