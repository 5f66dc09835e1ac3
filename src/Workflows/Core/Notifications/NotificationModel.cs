namespace Butler.Workflows.Notifications;

/// <summary>What a template needs to render one message; every string here is user-supplied and must be escaped in HTML.</summary>
public sealed record NotificationModel(
    NotificationKind Kind,
    Activities.LocalizedText Title,
    Guid InstanceId,
    Guid? TaskId = null,
    Guid? ApprovalId = null,
    DateTimeOffset? DueAt = null,
    int? OverdueWorkingDays = null,
    Activities.LocalizedText? Reason = null,
    string? Outcome = null,
    string? Comment = null,
    string? Actor = null,
    IReadOnlyList<MessageLink>? Links = null);
