using System.Text.Json.Nodes;
using Butler.TestSupport;
using Butler.Workflows.Definitions;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Butler.Workflows.Tests.Support;

/// <summary>
/// The one fixture activity and scenario tests share: the engine on a fresh database with a fake clock, plus short
/// ways to publish, start, complete and look at what was stored.
/// </summary>
public sealed class WorkflowHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Epoch = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);

    private WorkflowHarness(TestDatabase database, FakeTimeProvider time)
    {
        Database = database;
        Time = time;
    }

    public TestDatabase Database { get; }
    public FakeTimeProvider Time { get; }
    public WorkflowRunner Runner => Database.Get<WorkflowRunner>();
    public DefinitionService Definitions => Database.Get<DefinitionService>();

    public static async Task<WorkflowHarness> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite, Action<IServiceCollection>? configure = null)
    {
        var time = new FakeTimeProvider(Epoch);
        var database = await TestDatabase.CreateAsync(provider, time, configure, prefix: "wf");
        return new WorkflowHarness(database, time);
    }

    /// <summary>Saves the definition (new or as the next draft) and publishes it; fails the test on any problem.</summary>
    public async Task<WorkflowDefinitionVersion> PublishAsync(string json)
    {
        var id = DefinitionJson.TryParse(json, out _)?.Id ?? throw new ArgumentException("Not a definition.", nameof(json));
        var saved = await Definitions.GetAsync(id, null) is null
            ? await Definitions.CreateAsync(json, "admin")
            : await Definitions.SaveDraftAsync(id, json, "admin");
        Assert.True(saved.IsOk, Describe(saved));
        var published = await Definitions.PublishAsync(id, "admin");
        Assert.True(published.IsOk, Describe(published));
        return published.Value!;
    }

    public Task<WorkflowDefinitionVersion> PublishAsync(FlowBuilder flow) => PublishAsync(flow.Json);

    public async Task<Guid> StartAsync(string definitionId, JsonObject? input = null, string? idempotencyKey = null)
    {
        var started = await Runner.StartAsync(definitionId, input, new Actor("starter", []), idempotencyKey);
        Assert.True(started.IsOk, Describe(started));
        return started.Value;
    }

    public Task<OperationResult<Guid>> CompleteAsync(WorkItem task, string outcome = "Done", JsonObject? values = null,
        Actor? actor = null, string? idempotencyKey = null, string? comment = null) =>
        Runner.CompleteTaskAsync(task.Id, actor ?? AssigneeOf(task), outcome, comment, values, idempotencyKey);

    /// <summary>Completes the one open task of an activity and insists that it worked.</summary>
    public async Task CompleteOpenAsync(Guid instanceId, string activityId, string outcome = "Done", JsonObject? values = null)
    {
        var task = await OpenTaskAsync(instanceId, activityId);
        var result = await CompleteAsync(task, outcome, values);
        Assert.True(result.IsOk, Describe(result));
    }

    public static Actor AssigneeOf(WorkItem task) =>
        new(task.AssigneeUser ?? "member", task.AssigneeRole is { } role ? [role] : []);

    public async Task<WorkflowInstance> InstanceAsync(Guid id)
    {
        await using var db = Database.CreateDbContext();
        return await db.Instances.AsNoTracking().SingleAsync(i => i.Id == id);
    }

    public async Task<JsonObject> VariablesAsync(Guid id) => (JsonObject)JsonNode.Parse((await InstanceAsync(id)).VariablesJson)!;

    public async Task<List<WorkItem>> TasksAsync(Guid instanceId)
    {
        await using var db = Database.CreateDbContext();
        var tasks = await db.WorkItems.AsNoTracking().Where(w => w.InstanceId == instanceId).ToListAsync();
        return [.. tasks.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id)];
    }

    public async Task<WorkItem> OpenTaskAsync(Guid instanceId, string activityId) =>
        Assert.Single(await TasksAsync(instanceId), t => t.ActivityId == activityId && t.Status == WorkItemStatus.Open);

    public async Task<List<string>> OpenActivitiesAsync(Guid instanceId) =>
        [.. (await TasksAsync(instanceId)).Where(t => t.Status == WorkItemStatus.Open).Select(t => t.ActivityId).Order(StringComparer.Ordinal)];

    public async Task<List<Bookmark>> BookmarksAsync(Guid instanceId)
    {
        await using var db = Database.CreateDbContext();
        return await db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == instanceId).ToListAsync();
    }

    public async Task<List<JournalEntry>> JournalAsync(Guid instanceId)
    {
        await using var db = Database.CreateDbContext();
        return await db.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence).ToListAsync();
    }

    public async Task<List<Incident>> IncidentsAsync(Guid instanceId)
    {
        await using var db = Database.CreateDbContext();
        return await db.Incidents.AsNoTracking().Where(i => i.InstanceId == instanceId).ToListAsync();
    }

    /// <summary>The activities that completed, in order, with their outcome.</summary>
    public async Task<List<string>> PathAsync(Guid instanceId) =>
        [.. (await JournalAsync(instanceId)).Where(j => j.Kind == JournalKind.ActivityCompleted)
            .Select(j => j.Outcome is null ? j.ActivityId! : $"{j.ActivityId}:{j.Outcome}")];

    public static string Describe<T>(OperationResult<T> result) =>
        $"{result.Status}: {result.Message} {string.Join("; ", (result.Errors ?? new Dictionary<string, string[]>()).Select(e => $"{e.Key} = {string.Join(" | ", e.Value)}"))}";

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
