namespace Butler.Workflows.Notifications;

/// <summary>A link in a message: what it does and where it goes.</summary>
public sealed record MessageLink(MessageLinkKind Kind, string Url);
