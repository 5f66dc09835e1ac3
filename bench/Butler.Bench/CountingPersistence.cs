using System.Collections.Concurrent;
using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace Butler.Bench;

/// <summary>
/// WorkflowCore's in-memory store, passed through unchanged, noting which instances have subscribed to which event and
/// which have completed, so the driver publishes an event only once its instance waits for it.
/// </summary>
internal sealed class CountingPersistence(IPersistenceProvider inner) : IPersistenceProvider
{
    private readonly ConcurrentDictionary<(string Event, string Key), byte> _subscribed = new();
    private readonly ConcurrentDictionary<string, byte> _completed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _subscribedPerEvent = new(StringComparer.Ordinal);

    public int Subscribed(string eventName) => _subscribedPerEvent.GetValueOrDefault(eventName);

    public int Completed => _completed.Count;

    public void Reset()
    {
        _subscribed.Clear();
        _subscribedPerEvent.Clear();
        _completed.Clear();
    }

    private void Note(EventSubscription subscription)
    {
        if (_subscribed.TryAdd((subscription.EventName, subscription.EventKey), 0))
        {
            _subscribedPerEvent.AddOrUpdate(subscription.EventName, 1, (_, n) => n + 1);
        }
    }

    private void Note(WorkflowInstance workflow)
    {
        if (workflow.Status == WorkflowStatus.Complete)
        {
            _completed.TryAdd(workflow.Id, 0);
        }
    }

    public async Task PersistWorkflow(WorkflowInstance workflow, CancellationToken cancellationToken = default)
    {
        await inner.PersistWorkflow(workflow, cancellationToken);
        Note(workflow);
    }

    public async Task PersistWorkflow(WorkflowInstance workflow, List<EventSubscription> subscriptions, CancellationToken cancellationToken = default)
    {
        await inner.PersistWorkflow(workflow, subscriptions, cancellationToken);
        foreach (var subscription in subscriptions ?? [])
        {
            Note(subscription);
        }
        Note(workflow);
    }

    public async Task<string> CreateEventSubscription(EventSubscription subscription, CancellationToken cancellationToken = default)
    {
        var id = await inner.CreateEventSubscription(subscription, cancellationToken);
        Note(subscription);
        return id;
    }

    public Task<string> CreateNewWorkflow(WorkflowInstance workflow, CancellationToken cancellationToken = default) =>
        inner.CreateNewWorkflow(workflow, cancellationToken);

    public Task<IEnumerable<string>> GetRunnableInstances(DateTime asAt, CancellationToken cancellationToken = default) =>
        inner.GetRunnableInstances(asAt, cancellationToken);

#pragma warning disable CS0612, CS0618 // the interface still carries the obsolete query; forwarding it is all we do
    public Task<IEnumerable<WorkflowInstance>> GetWorkflowInstances(WorkflowStatus? status, string type, DateTime? createdFrom, DateTime? createdTo, int skip, int take) =>
        inner.GetWorkflowInstances(status, type, createdFrom, createdTo, skip, take);
#pragma warning restore CS0612, CS0618

    public Task<WorkflowInstance> GetWorkflowInstance(string Id, CancellationToken cancellationToken = default) =>
        inner.GetWorkflowInstance(Id, cancellationToken);

    public Task<IEnumerable<WorkflowInstance>> GetWorkflowInstances(IEnumerable<string> ids, CancellationToken cancellationToken = default) =>
        inner.GetWorkflowInstances(ids, cancellationToken);

    public Task<IEnumerable<EventSubscription>> GetSubscriptions(string eventName, string eventKey, DateTime asOf, CancellationToken cancellationToken = default) =>
        inner.GetSubscriptions(eventName, eventKey, asOf, cancellationToken);

    public Task TerminateSubscription(string eventSubscriptionId, CancellationToken cancellationToken = default) =>
        inner.TerminateSubscription(eventSubscriptionId, cancellationToken);

    public Task<EventSubscription> GetSubscription(string eventSubscriptionId, CancellationToken cancellationToken = default) =>
        inner.GetSubscription(eventSubscriptionId, cancellationToken);

    public Task<EventSubscription> GetFirstOpenSubscription(string eventName, string eventKey, DateTime asOf, CancellationToken cancellationToken = default) =>
        inner.GetFirstOpenSubscription(eventName, eventKey, asOf, cancellationToken);

    public Task<bool> SetSubscriptionToken(string eventSubscriptionId, string token, string workerId, DateTime expiry, CancellationToken cancellationToken = default) =>
        inner.SetSubscriptionToken(eventSubscriptionId, token, workerId, expiry, cancellationToken);

    public Task ClearSubscriptionToken(string eventSubscriptionId, string token, CancellationToken cancellationToken = default) =>
        inner.ClearSubscriptionToken(eventSubscriptionId, token, cancellationToken);

    public Task<string> CreateEvent(Event newEvent, CancellationToken cancellationToken = default) =>
        inner.CreateEvent(newEvent, cancellationToken);

    public Task<Event> GetEvent(string id, CancellationToken cancellationToken = default) =>
        inner.GetEvent(id, cancellationToken);

    public Task<IEnumerable<string>> GetRunnableEvents(DateTime asAt, CancellationToken cancellationToken = default) =>
        inner.GetRunnableEvents(asAt, cancellationToken);

    public Task<IEnumerable<string>> GetEvents(string eventName, string eventKey, DateTime asOf, CancellationToken cancellationToken = default) =>
        inner.GetEvents(eventName, eventKey, asOf, cancellationToken);

    public Task MarkEventProcessed(string id, CancellationToken cancellationToken = default) =>
        inner.MarkEventProcessed(id, cancellationToken);

    public Task MarkEventUnprocessed(string id, CancellationToken cancellationToken = default) =>
        inner.MarkEventUnprocessed(id, cancellationToken);

    public bool SupportsScheduledCommands => inner.SupportsScheduledCommands;

    public Task ScheduleCommand(ScheduledCommand command) => inner.ScheduleCommand(command);

    public Task ProcessCommands(DateTimeOffset asOf, Func<ScheduledCommand, Task> action, CancellationToken cancellationToken = default) =>
        inner.ProcessCommands(asOf, action, cancellationToken);

    public Task PersistErrors(IEnumerable<ExecutionError> errors, CancellationToken cancellationToken = default) =>
        inner.PersistErrors(errors, cancellationToken);

    public void EnsureStoreExists() => inner.EnsureStoreExists();
}
