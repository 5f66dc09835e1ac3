using System.Text.Json.Nodes;
using Butler.Workflows.Runtime;
using Butler.Workflows.Tests.Support;
using Xunit;
using static Butler.Workflows.Tests.Support.FlowBuilder;

namespace Butler.Workflows.Tests.Runtime;

public sealed class RetryTests : IAsyncLifetime
{
    private static readonly Actor Admin = new("admin", ["Admin"]);
    private WorkflowHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await WorkflowHarness.CreateAsync();
        await _h.PublishAsync(new FlowBuilder("scored")
            .Variable("score")
            .Start()
            .Activity("check", "Decision", new { condition = "score.value > 3" })
            .Task("big", "Big", User("ann")).Task("small", "Small", User("ann"))
            .End()
            .Connect("start", "check").Connect("check", "big", "True").Connect("check", "small", "False")
            .Connect("big", "end").Connect("small", "end"));
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_faulted_instance_retried_after_its_data_is_fixed_continues_from_the_activity_that_faulted()
    {
        var id = await _h.StartAsync("scored");
        Assert.Equal(WorkflowStatus.Faulted, (await _h.InstanceAsync(id)).Status);
        var incident = Assert.Single(await _h.IncidentsAsync(id));

        var retried = await _h.Runner.RetryAsync(id, Admin, new JsonObject { ["score"] = new JsonObject { ["value"] = 5 } });

        Assert.True(retried.IsOk, WorkflowHarness.Describe(retried));
        var instance = await _h.InstanceAsync(id);
        Assert.Equal(WorkflowStatus.Running, instance.Status);
        Assert.Null(instance.FinishedAt);
        Assert.Equal(["big"], await _h.OpenActivitiesAsync(id));
        var journal = await _h.JournalAsync(id);
        var entry = Assert.Single(journal, j => j.Kind == JournalKind.InstanceRetried);
        Assert.Equal(("admin", "check", "variables: score"), (entry.Actor, entry.ActivityId, entry.Comment));
        Assert.Same(entry, Assert.Single(Incident.ResolvedBy(journal)).Value);
        Assert.Contains(incident.Id, Incident.ResolvedBy(journal).Keys);
        Assert.Equal(Enumerable.Range(1, journal.Count), journal.Select(j => j.Sequence));

        await _h.CompleteOpenAsync(id, "big");

        Assert.Equal(WorkflowStatus.Completed, (await _h.InstanceAsync(id)).Status);
        Assert.Equal(["check:True", "big:Done", "end"], (await _h.PathAsync(id)).Skip(1));
    }

    [Fact]
    public async Task Retrying_a_running_instance_is_a_conflict()
    {
        var id = await _h.StartAsync("scored", new JsonObject { ["score"] = new JsonObject { ["value"] = 1 } });
        Assert.Equal(WorkflowStatus.Running, (await _h.InstanceAsync(id)).Status);

        var retried = await _h.Runner.RetryAsync(id, Admin);

        Assert.Equal(OperationStatus.Conflict, retried.Status);
        Assert.DoesNotContain(await _h.JournalAsync(id), j => j.Kind == JournalKind.InstanceRetried);
    }

    [Fact]
    public async Task A_retry_without_a_fix_faults_again_with_a_new_incident_while_the_first_is_resolved()
    {
        var id = await _h.StartAsync("scored");

        var retried = await _h.Runner.RetryAsync(id, Admin);

        Assert.True(retried.IsOk, WorkflowHarness.Describe(retried));
        Assert.Equal(WorkflowStatus.Faulted, (await _h.InstanceAsync(id)).Status);
        var incidents = await _h.IncidentsAsync(id);
        Assert.Equal(2, incidents.Count);
        var resolved = Incident.ResolvedBy(await _h.JournalAsync(id));
        Assert.Single(incidents, i => resolved.ContainsKey(i.Id));
    }

    [Fact]
    public async Task A_retry_may_set_only_declared_variables()
    {
        var id = await _h.StartAsync("scored");

        var retried = await _h.Runner.RetryAsync(id, Admin, new JsonObject { ["scroe"] = 5 });

        Assert.Equal(OperationStatus.Invalid, retried.Status);
        Assert.Contains("variables.scroe", retried.Errors!.Keys);
        Assert.Equal(WorkflowStatus.Faulted, (await _h.InstanceAsync(id)).Status);
    }

    [Fact]
    public async Task Retrying_an_unknown_instance_is_not_found() =>
        Assert.Equal(OperationStatus.NotFound, (await _h.Runner.RetryAsync(Guid.NewGuid(), Admin)).Status);
}
