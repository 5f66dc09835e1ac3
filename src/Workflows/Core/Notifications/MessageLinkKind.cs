namespace Butler.Workflows.Notifications;

public enum MessageLinkKind
{
    Open,
    Approve,
    Extend,
}
