namespace Butler.Workflows.Notifications;

/// <summary>Names people: a user, every member of a role.</summary>
public sealed record RecipientSpec(string? User, string? Role);
