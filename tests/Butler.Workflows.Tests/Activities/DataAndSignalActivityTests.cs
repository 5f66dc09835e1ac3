using System.Text.Json.Nodes;
using Butler.Workflows.Runtime;
using Butler.Workflows.Tests.Support;
using Xunit;
using static Butler.Workflows.Tests.Support.FlowBuilder;

namespace Butler.Workflows.Tests.Activities;

public sealed class DataAndSignalActivityTests : IAsyncLifetime
{
    private WorkflowHarness _h = null!;

    public async Task InitializeAsync() => _h = await WorkflowHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task SetVariable_sets_a_variable_to_the_value_of_its_expression()
    {
        await _h.PublishAsync(new FlowBuilder("set")
            .Variable("amount", 0).Variable("summary")
            .Start()
            .Activity("double", "SetVariable", new { name = "amount", value = "amount * 2" })
            .Activity("describe", "SetVariable", new { name = "summary", value = "({ total: amount, big: amount > 100, tags: ['a', input.tag] })" })
            .Activity("fresh", "SetVariable", new { name = "undeclared", value = "'made on the fly'" })
            .End()
            .Chain("start", "double", "describe", "fresh", "end"));

        var id = await _h.StartAsync("set", new JsonObject { ["amount"] = 60, ["tag"] = "b" });

        var variables = await _h.VariablesAsync(id);
        Assert.Equal(120, variables["amount"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"total":120,"big":true,"tags":["a","b"]}"""), variables["summary"]));
        Assert.Equal("made on the fly", variables["undeclared"]!.GetValue<string>());
        Assert.Equal(WorkflowStatus.Completed, (await _h.InstanceAsync(id)).Status);
    }

    [Fact]
    public async Task SetVariable_can_read_the_outcomes_of_finished_activities()
    {
        await _h.PublishAsync(new FlowBuilder("outputs")
            .Variable("decision")
            .Start().Task("review", "Review", User("ann"), ["Approve", "Reject"])
            .Activity("remember", "SetVariable", new { name = "decision", value = "activities.review.outcome" })
            .Task("next", "Next", User("ann"))
            .Connect("start", "review").Connect("review", "remember", "Approve").Connect("review", "remember", "Reject").Connect("remember", "next"));
        var id = await _h.StartAsync("outputs");

        await _h.CompleteOpenAsync(id, "review", "Reject");

        Assert.Equal("Reject", (await _h.VariablesAsync(id))["decision"]!.GetValue<string>());
    }

    [Fact]
    public async Task WaitSignal_waits_for_its_signal_and_stores_the_payload_in_a_variable()
    {
        await _h.PublishAsync(new FlowBuilder("signal")
            .Variable("contract")
            .Start()
            .Activity("signed", "WaitSignal", new { signal = "contractSigned", variable = "contract" })
            .Task("after", "Welcome {{contract.company}}", User("ann"))
            .Chain("start", "signed", "after"));
        var id = await _h.StartAsync("signal");
        var bookmark = Assert.Single(await _h.BookmarksAsync(id));
        Assert.Equal((BookmarkKind.Signal, "contractSigned"), (bookmark.Kind, bookmark.Name));

        var wrong = await _h.Runner.SignalAsync(id, "contractCancelled", null, Actor.System);
        var right = await _h.Runner.SignalAsync(id, "contractSigned",
            new JsonObject { ["company"] = "Acme", ["amount"] = 3.5e8 }, new Actor("crm", []));

        Assert.Equal(OperationStatus.Conflict, wrong.Status);
        Assert.True(right.IsOk, WorkflowHarness.Describe(right));
        var variables = await _h.VariablesAsync(id);
        Assert.Equal("Acme", variables["contract"]!["company"]!.GetValue<string>());
        Assert.Equal("Welcome Acme", (await _h.OpenTaskAsync(id, "after")).Title);
        var received = Assert.Single(await _h.JournalAsync(id), j => j.Kind == JournalKind.SignalReceived);
        Assert.Equal(("signed", "crm"), (received.ActivityId, received.Actor));
    }

    [Fact]
    public async Task WaitSignal_without_a_variable_just_continues()
    {
        await _h.PublishAsync(new FlowBuilder("signal-plain")
            .Start().Activity("wait", "WaitSignal", new { signal = "go" }).End()
            .Chain("start", "wait", "end"));
        var id = await _h.StartAsync("signal-plain");

        var result = await _h.Runner.SignalAsync(id, "go", new JsonObject { ["ignored"] = true }, Actor.System);

        Assert.True(result.IsOk, WorkflowHarness.Describe(result));
        Assert.Equal(WorkflowStatus.Completed, (await _h.InstanceAsync(id)).Status);
        Assert.Equal("{}", (await _h.VariablesAsync(id)).ToJsonString());
    }

    [Fact]
    public async Task A_signal_to_an_unknown_instance_is_not_found()
    {
        var result = await _h.Runner.SignalAsync(Guid.NewGuid(), "go", null, Actor.System);

        Assert.Equal(OperationStatus.NotFound, result.Status);
    }
}
