namespace Butler.Workflows.Notifications;

public enum OutboxStatus
{
    Pending,
    Sending,
    Sent,
    Failed,
}
