namespace Butler.Workflows.Scheduling;

/// <summary>Told after commit that outbox messages wait, so delivery starts at once instead of at the next sweep.</summary>
public interface IOutboxSignal
{
    void MessagesWritten(IReadOnlyCollection<Guid> messageIds);
}

internal sealed class NoOutboxSignal : IOutboxSignal
{
    public void MessagesWritten(IReadOnlyCollection<Guid> messageIds)
    {
    }
}
