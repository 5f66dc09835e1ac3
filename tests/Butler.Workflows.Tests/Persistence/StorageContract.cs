using System.Text.Json.Nodes;
using Butler.TestSupport;
using Butler.Workflows.Definitions;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Butler.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Xunit;
using static Butler.Workflows.Tests.Support.FlowBuilder;

namespace Butler.Workflows.Tests.Persistence;

/// <summary>Behaviour that depends on the database: every provider the engine runs on must pass all of it.</summary>
public abstract class StorageContract : IAsyncLifetime
{
    private WorkflowHarness _h = null!;

    protected abstract DatabaseProvider Provider { get; }

    public async Task InitializeAsync() => _h = await WorkflowHarness.CreateAsync(Provider);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static FlowBuilder Review(string id = "review") => new FlowBuilder(id)
        .Start()
        .Task("review", "Review {{project.name}}", Role("Squad"), ["Approve", "Reject"],
            [new { name = "note", type = "textarea" }, new { name = "score", type = "number" }])
        .Task("approved", "Approved", User("ann")).Task("rejected", "Rejected", User("ann"))
        .Variable("project")
        .Connect("start", "review").Connect("review", "approved", "Approve").Connect("review", "rejected", "Reject");

    [Fact]
    public async Task Definitions_instances_tasks_bookmarks_journal_and_incidents_survive_a_round_trip()
    {
        var flow = new FlowBuilder("round-trip", "项目落地 round trip")
            .Variable("project").Variable("contract").Variable("score", 0)
            .Start()
            .Task("review", "审核 {{project.name}}", Role("Squad"), ["Approve", "Reject"],
                [new { name = "score", type = "number", required = true }, new { name = "note", type = "textarea" }])
            .Activity("signed", "WaitSignal", new { signal = "contractSigned", variable = "contract" })
            .End()
            .Connect("start", "review").Connect("review", "signed", "Approve").Connect("review", "end", "Reject").Connect("signed", "end");
        var published = await _h.PublishAsync(flow);
        var input = new JsonObject
        {
            ["project"] = new JsonObject { ["name"] = "临港 solar", ["amount"] = 123456789.01m, ["tags"] = new JsonArray("新能源", "制造") },
        };
        var id = await _h.StartAsync("round-trip", input, idempotencyKey: "start-round-trip");
        _h.Time.Advance(TimeSpan.FromMinutes(90));
        var task = await _h.OpenTaskAsync(id, "review");
        var completed = await _h.CompleteAsync(task, "Approve", new JsonObject { ["score"] = 4.5, ["note"] = "材料齐全 ✓" },
            new Actor("zhang", ["Squad"]), "complete-review", "同意");
        Assert.True(completed.IsOk, WorkflowHarness.Describe(completed));
        _h.Time.Advance(TimeSpan.FromDays(2));
        var signalled = await _h.Runner.SignalAsync(id, "contractSigned", new JsonObject { ["signedOn"] = "2026-03-04", ["value"] = 3.5e8 }, new Actor("crm", []));
        Assert.True(signalled.IsOk, WorkflowHarness.Describe(signalled));

        // Read back through a different host, as another process would.
        await using var other = _h.Database.CreateAnotherHost();
        await using var db = other.GetRequiredService<IDbContextFactory<ButlerDbContext>>().CreateDbContext();

        var version = await db.DefinitionVersions.SingleAsync(v => v.DefinitionId == "round-trip");
        Assert.Equal((1, "项目落地 round trip", true, "admin"), (version.Version, version.Name, version.IsPublished, version.PublishedBy));
        Assert.Equal(WorkflowHarness.Epoch, version.PublishedAt);
        Assert.Equal(published.Json, version.Json);
        Assert.Equal(4, DefinitionJson.TryParse(version.Json, out _)!.Activities.Count);

        var instance = await db.Instances.SingleAsync(i => i.Id == id);
        Assert.Equal(("round-trip", 1, WorkflowStatus.Completed, "starter"), (instance.DefinitionId, instance.Version, instance.Status, instance.CreatedBy));
        Assert.Equal(WorkflowHarness.Epoch, instance.CreatedAt);
        Assert.Equal(TimeSpan.Zero, instance.CreatedAt.Offset);
        Assert.Equal(WorkflowHarness.Epoch.AddMinutes(90).AddDays(2), instance.FinishedAt);
        Assert.Equal(3, instance.Revision);
        Assert.True(JsonNode.DeepEquals(input, JsonNode.Parse(instance.InputJson)));
        var variables = JsonNode.Parse(instance.VariablesJson)!;
        Assert.Equal("临港 solar", variables["project"]!["name"]!.GetValue<string>());
        Assert.Equal(123456789.01m, variables["project"]!["amount"]!.GetValue<decimal>());
        Assert.Equal(4.5, variables["score"]!.GetValue<double>());
        Assert.Equal("材料齐全 ✓", variables["note"]!.GetValue<string>());
        Assert.Equal(3.5e8, variables["contract"]!["value"]!.GetValue<double>());

        var stored = await db.WorkItems.SingleAsync(w => w.InstanceId == id);
        Assert.Equal(("审核 临港 solar", (string?)null, "Squad"), (stored.Title, stored.AssigneeUser, stored.AssigneeRole));
        Assert.Equal((WorkItemStatus.Done, "zhang", "Approve", "同意"), (stored.Status, stored.CompletedBy, stored.Outcome, stored.Comment));
        Assert.Equal((WorkflowHarness.Epoch, WorkflowHarness.Epoch.AddMinutes(90)), (stored.CreatedAt, stored.CompletedAt));
        Assert.Equal("材料齐全 ✓", JsonNode.Parse(stored.ValuesJson!)!["note"]!.GetValue<string>());

        var journal = await db.Journal.Where(j => j.InstanceId == id).OrderBy(j => j.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, instance.JournalCount), journal.Select(j => j.Sequence));
        Assert.Equal(
            [JournalKind.InstanceStarted, JournalKind.TaskCompleted, JournalKind.SignalReceived, JournalKind.InstanceCompleted],
            journal.Select(j => j.Kind).Where(k => k is JournalKind.InstanceStarted or JournalKind.TaskCompleted or JournalKind.SignalReceived or JournalKind.InstanceCompleted));
        var taskCompleted = journal.Single(j => j.Kind == JournalKind.TaskCompleted);
        Assert.Equal(("review", "HumanTask", "zhang", "Approve", "同意"), (taskCompleted.ActivityId, taskCompleted.ActivityType, taskCompleted.Actor, taskCompleted.Outcome, taskCompleted.Comment));
        Assert.Equal(WorkflowHarness.Epoch.AddMinutes(90), taskCompleted.At);
        Assert.Empty(await db.Bookmarks.Where(b => b.InstanceId == id).ToListAsync());
        Assert.Equal(["complete-review", "start-round-trip"],
            (await db.ProcessedStimuli.Where(p => p.InstanceId == id).Select(p => p.Key).ToListAsync()).Order(StringComparer.Ordinal));

        // Time comparisons and ordering happen in SQL on every provider.
        var late = await db.Journal.Where(j => j.InstanceId == id && j.At > WorkflowHarness.Epoch.AddHours(1)).OrderBy(j => j.At).ThenBy(j => j.Sequence).ToListAsync();
        Assert.Equal(JournalKind.TaskCompleted, late[0].Kind);
        Assert.Equal(JournalKind.InstanceCompleted, late[^1].Kind);
    }

    [Fact]
    public async Task Waiting_bookmarks_and_incidents_are_stored_with_what_they_wait_for_and_why()
    {
        await _h.PublishAsync(new FlowBuilder("waits")
            .Variable("limit", 10)
            .Start().Activity("fork", "Fork")
            .Task("task", "T", User("ann"))
            .Activity("signal", "WaitSignal", new { signal = "permitIssued" })
            .Activity("check", "Decision", new { condition = "limit.max.value > 3" })
            .Connect("start", "fork").Connect("fork", "task").Connect("fork", "signal").Connect("task", "check"));
        var id = await _h.StartAsync("waits");

        var bookmarks = (await _h.BookmarksAsync(id)).OrderBy(b => b.ActivityId, StringComparer.Ordinal).ToList();
        var task = await _h.OpenTaskAsync(id, "task");
        Assert.Equal(2, bookmarks.Count);
        Assert.Equal(("signal", BookmarkKind.Signal, "permitIssued", (Guid?)null), (bookmarks[0].ActivityId, bookmarks[0].Kind, bookmarks[0].Name, bookmarks[0].WorkItemId));
        Assert.Equal(("task", BookmarkKind.Task, (string?)null, (Guid?)task.Id), (bookmarks[1].ActivityId, bookmarks[1].Kind, bookmarks[1].Name, bookmarks[1].WorkItemId));
        Assert.All(bookmarks, b => Assert.Equal(WorkflowHarness.Epoch, b.CreatedAt));

        _h.Time.Advance(TimeSpan.FromSeconds(30));
        await _h.CompleteOpenAsync(id, "task");

        var incident = Assert.Single(await _h.IncidentsAsync(id));
        Assert.Equal(("check", "ExpressionFailed", "limit.max.value > 3"), (incident.ActivityId, incident.Kind, incident.Expression));
        Assert.Equal(WorkflowHarness.Epoch.AddSeconds(30), incident.At);
        Assert.Empty(await _h.BookmarksAsync(id));
    }

    [Fact]
    public async Task Completing_a_task_twice_with_one_idempotency_key_applies_it_once()
    {
        await _h.PublishAsync(Review());
        var id = await _h.StartAsync("review");
        var task = await _h.OpenTaskAsync(id, "review");

        var first = await _h.CompleteAsync(task, "Approve", actor: new Actor("zhang", ["Squad"]), idempotencyKey: "click-1");
        var second = await _h.CompleteAsync(task, "Approve", actor: new Actor("zhang", ["Squad"]), idempotencyKey: "click-1");

        Assert.True(first.IsOk, WorkflowHarness.Describe(first));
        Assert.False(first.WasDuplicate);
        Assert.True(second.IsOk, WorkflowHarness.Describe(second));
        Assert.True(second.WasDuplicate);
        Assert.Equal(id, second.Value);
        Assert.Single(await _h.JournalAsync(id), j => j.Kind == JournalKind.TaskCompleted);
        Assert.Equal(["approved"], await _h.OpenActivitiesAsync(id));
        Assert.Equal(2, (await _h.InstanceAsync(id)).Revision);
    }

    [Fact]
    public async Task Starting_twice_with_one_idempotency_key_starts_one_instance()
    {
        await _h.PublishAsync(Review());

        var first = await _h.Runner.StartAsync("review", null, Actor.System, "start-1");
        var second = await _h.Runner.StartAsync("review", null, Actor.System, "start-1");
        var other = await _h.Runner.StartAsync("review", null, Actor.System, "start-2");

        Assert.True(first.IsOk && !first.WasDuplicate, WorkflowHarness.Describe(first));
        Assert.True(second.IsOk && second.WasDuplicate, WorkflowHarness.Describe(second));
        Assert.Equal(first.Value, second.Value);
        Assert.NotEqual(first.Value, other.Value);
        await using var db = _h.Database.CreateDbContext();
        Assert.Equal(2, await db.Instances.CountAsync());
        Assert.Equal(2, await db.WorkItems.CountAsync());
        Assert.Single(await _h.JournalAsync(first.Value), j => j.Kind == JournalKind.InstanceStarted);
    }

    [Fact]
    public async Task Idempotency_keys_longer_than_200_characters_are_refused()
    {
        await _h.PublishAsync(Review());

        var result = await _h.Runner.StartAsync("review", null, Actor.System, new string('k', 201));

        Assert.Equal(OperationStatus.Invalid, result.Status);
        await using var db = _h.Database.CreateDbContext();
        Assert.Equal(0, await db.Instances.CountAsync());
    }

    [Fact]
    public async Task Two_hosts_completing_one_task_at_once_apply_exactly_one_and_the_other_gets_a_conflict_after_retrying()
    {
        await _h.PublishAsync(Review());
        var id = await _h.StartAsync("review", new JsonObject { ["project"] = new JsonObject { ["name"] = "Acme" } });
        var task = await _h.OpenTaskAsync(id, "review");
        var gate = new RaceGate(racers: 2);
        await using var hostA = GatedHost(gate);
        await using var hostB = GatedHost(gate);
        gate.Arm();

        var results = await Task.WhenAll(
            Task.Run(() => hostA.GetRequiredService<WorkflowRunner>().CompleteTaskAsync(task.Id, new Actor("zhang", ["Squad"]), "Approve", null, null)),
            Task.Run(() => hostB.GetRequiredService<WorkflowRunner>().CompleteTaskAsync(task.Id, new Actor("li", ["Squad"]), "Reject", null, null)));

        var winner = Assert.Single(results, r => r.IsOk);
        var loser = Assert.Single(results, r => !r.IsOk);
        Assert.Equal(OperationStatus.Conflict, loser.Status);
        Assert.Equal("The task is already done.", loser.Message);
        // The loser's first commit failed (a concurrency exception, or on PostgreSQL possibly the journal's unique
        // sequence) and the retry found the task done.
        Assert.IsAssignableFrom<DbUpdateException>(Assert.Single(gate.Failures));
        await AssertCompletedOnceAsync(id, winner == results[0] ? ("zhang", "Approve", "approved") : ("li", "Reject", "rejected"));
    }

    [Fact]
    public async Task Racing_completions_of_one_task_leave_one_completion_whoever_wins()
    {
        await _h.PublishAsync(Review());
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await _h.StartAsync("review"));
        }

        foreach (var id in ids)
        {
            var task = await _h.OpenTaskAsync(id, "review");
            await using var other = _h.Database.CreateAnotherHost(_h.Time);
            var results = await Task.WhenAll(
                Task.Run(() => _h.Runner.CompleteTaskAsync(task.Id, new Actor("zhang", ["Squad"]), "Approve", null, null)),
                Task.Run(() => other.GetRequiredService<WorkflowRunner>().CompleteTaskAsync(task.Id, new Actor("li", ["Squad"]), "Reject", null, null)));

            var winner = Assert.Single(results, r => r.IsOk);
            Assert.Equal(OperationStatus.Conflict, Assert.Single(results, r => !r.IsOk).Status);
            await AssertCompletedOnceAsync(id, winner == results[0] ? ("zhang", "Approve", "approved") : ("li", "Reject", "rejected"));
        }
    }

    [Fact]
    public async Task Racing_retries_of_one_request_with_one_idempotency_key_both_succeed_and_apply_once()
    {
        await _h.PublishAsync(Review());
        var id = await _h.StartAsync("review");
        var task = await _h.OpenTaskAsync(id, "review");
        var gate = new RaceGate(racers: 2);
        await using var hostA = GatedHost(gate);
        await using var hostB = GatedHost(gate);
        gate.Arm();

        var results = await Task.WhenAll(
            Task.Run(() => hostA.GetRequiredService<WorkflowRunner>().CompleteTaskAsync(task.Id, new Actor("zhang", ["Squad"]), "Approve", null, null, "same-click")),
            Task.Run(() => hostB.GetRequiredService<WorkflowRunner>().CompleteTaskAsync(task.Id, new Actor("zhang", ["Squad"]), "Approve", null, null, "same-click")));

        Assert.All(results, r => Assert.True(r.IsOk, WorkflowHarness.Describe(r)));
        Assert.Single(results, r => r.WasDuplicate);
        await AssertCompletedOnceAsync(id, ("zhang", "Approve", "approved"));
    }

    private ServiceProvider GatedHost(RaceGate gate) => _h.Database.CreateAnotherHost(_h.Time, services =>
        services.Replace(ServiceDescriptor.Singleton(RaceGate.Factory(Provider, _h.Database.ConnectionString, gate))));

    private async Task AssertCompletedOnceAsync(Guid id, (string By, string Outcome, string Next) expected)
    {
        var review = (await _h.TasksAsync(id)).Single(t => t.ActivityId == "review");
        Assert.Equal((WorkItemStatus.Done, expected.By, expected.Outcome), (review.Status, review.CompletedBy, review.Outcome));
        var journal = await _h.JournalAsync(id);
        var completion = Assert.Single(journal, j => j.Kind == JournalKind.TaskCompleted);
        Assert.Equal((expected.By, expected.Outcome), (completion.Actor, completion.Outcome));
        Assert.Equal(Enumerable.Range(1, journal.Count), journal.Select(j => j.Sequence));
        Assert.Equal([expected.Next], await _h.OpenActivitiesAsync(id));
        var bookmark = Assert.Single(await _h.BookmarksAsync(id));
        Assert.Equal(expected.Next, bookmark.ActivityId);
        var instance = await _h.InstanceAsync(id);
        Assert.Equal((2, journal.Count), (instance.Revision, instance.JournalCount));
    }

    [Fact]
    public async Task Saving_after_publishing_makes_version_2_a_draft_and_publishing_it_makes_it_current()
    {
        var v1 = Review("versions");
        var created = await _h.Definitions.CreateAsync(v1.Json, "admin");
        Assert.True(created.IsOk, WorkflowHarness.Describe(created));
        Assert.Equal((1, false), (created.Value!.Version, created.Value.IsPublished));

        var resaved = await _h.Definitions.SaveDraftAsync("versions", Review("versions").Task("extra", "Extra", User("ann")).Connect("approved", "extra").Json, "admin");
        Assert.Equal((1, false), (resaved.Value!.Version, resaved.Value.IsPublished));

        var published = await _h.Definitions.PublishAsync("versions", "boss");
        Assert.Equal((1, true, "boss"), (published.Value!.Version, published.Value.IsPublished, published.Value.PublishedBy));
        var publishedJson = published.Value.Json;

        _h.Time.Advance(TimeSpan.FromDays(1));
        var draft2 = await _h.Definitions.SaveDraftAsync("versions", v1.Json, "editor");
        Assert.True(draft2.IsOk, WorkflowHarness.Describe(draft2));
        Assert.Equal((2, false, "editor"), (draft2.Value!.Version, draft2.Value.IsPublished, draft2.Value.CreatedBy));

        var (items, total) = await _h.Definitions.ListAsync("VERS", 0, 10);
        Assert.Equal(1, total);
        var summary = Assert.Single(items);
        Assert.Equal((2, (int?)1, true), (summary.LatestVersion, summary.PublishedVersion, summary.HasDraft));
        Assert.Equal(publishedJson, (await _h.Definitions.GetAsync("versions", 1))!.Json);
        Assert.Equal(WorkflowHarness.Epoch, (await _h.Definitions.GetAsync("versions", 1))!.UpdatedAt);

        var published2 = await _h.Definitions.PublishAsync("versions", "boss");
        Assert.True(published2.IsOk, WorkflowHarness.Describe(published2));
        Assert.Equal(2, published2.Value!.Version);
        Assert.Equal(OperationStatus.Conflict, (await _h.Definitions.PublishAsync("versions", "boss")).Status);
        Assert.Equal(2, (await _h.Definitions.GetAsync("versions", null))!.Version);
    }

    [Fact]
    public async Task A_published_version_never_changes()
    {
        var published = await _h.PublishAsync(Review("frozen"));

        Assert.Throws<InvalidOperationException>(() => published.ReplaceDraft(DefinitionJson.TryParse(Review("frozen").Json, out _)!, WorkflowHarness.Epoch));
        Assert.Throws<InvalidOperationException>(() => published.Publish("again", WorkflowHarness.Epoch));
        await _h.Definitions.SaveDraftAsync("frozen", Review("frozen").Task("more", "More", User("ann")).Connect("approved", "more").Json, "admin");
        var v1 = (await _h.Definitions.GetAsync("frozen", 1))!;
        Assert.Equal((true, published.Json, published.Revision), (v1.IsPublished, v1.Json, v1.Revision));
    }

    [Fact]
    public async Task Creating_a_definition_twice_or_saving_under_another_id_is_refused()
    {
        var json = Review("taken").Json;
        await _h.Definitions.CreateAsync(json, "admin");

        var again = await _h.Definitions.CreateAsync(json, "admin");
        var mismatch = await _h.Definitions.SaveDraftAsync("other-id", json, "admin");
        var missing = await _h.Definitions.SaveDraftAsync("missing", Review("missing").Json, "admin");

        Assert.Equal(OperationStatus.Conflict, again.Status);
        Assert.Equal(OperationStatus.Invalid, mismatch.Status);
        Assert.True(mismatch.Errors!.ContainsKey("$.id"));
        Assert.Equal(OperationStatus.NotFound, missing.Status);
    }

    [Fact]
    public async Task Instances_stay_on_the_version_they_started_on()
    {
        await _h.PublishAsync(new FlowBuilder("pinned").Start().Task("first", "First (v1)", User("ann")).End().Chain("start", "first", "end"));
        var onV1 = await _h.StartAsync("pinned");

        await _h.PublishAsync(new FlowBuilder("pinned").Start().Task("first", "First (v2)", User("ann")).Task("second", "Second", User("ann")).End()
            .Chain("start", "first", "second", "end"));
        var onV2 = await _h.StartAsync("pinned");

        Assert.Equal(1, (await _h.InstanceAsync(onV1)).Version);
        Assert.Equal(2, (await _h.InstanceAsync(onV2)).Version);
        Assert.Equal("First (v1)", (await _h.OpenTaskAsync(onV1, "first")).Title);
        Assert.Equal("First (v2)", (await _h.OpenTaskAsync(onV2, "first")).Title);

        await _h.CompleteOpenAsync(onV1, "first");
        await _h.CompleteOpenAsync(onV2, "first");

        Assert.Equal(WorkflowStatus.Completed, (await _h.InstanceAsync(onV1)).Status);
        Assert.Equal(["second"], await _h.OpenActivitiesAsync(onV2));
    }
}

public sealed class SqliteStorageTests : StorageContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Collection(PostgresFixture.Collection)]
[Trait("Category", "Postgres")]
public sealed class PostgresStorageTests(PostgresFixture postgres) : StorageContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    [Fact]
    public async Task The_tests_run_against_a_real_PostgreSQL_server()
    {
        await using var connection = new NpgsqlConnection(postgres.Server.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select version()", connection);

        Assert.StartsWith("PostgreSQL ", (string?)await command.ExecuteScalarAsync(), StringComparison.Ordinal);
    }
}
