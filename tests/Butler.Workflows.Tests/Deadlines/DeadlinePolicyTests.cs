using System.Text.Json.Nodes;
using Butler.Workflows.Activities;
using Butler.Workflows.Calendar;
using Butler.Workflows.Deadlines;
using Butler.Workflows.Definitions;
using Butler.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Butler.Workflows.Tests.Deadlines;

/// <summary>An activity's deadline inputs are read once into a typed policy; the validator's problems come from the same reading.</summary>
public sealed class DeadlinePolicyTests
{
    private static JsonObject Inputs(string json) => JsonNode.Parse(json)!.AsObject();

    private static BusinessDuration Duration(string text) => BusinessDuration.Parse(text);

    private const string Ladder = """
        {
          "due": "3wd",
          "reminders": ["-1wd", "-PT2H"],
          "escalation": [
            { "after": "PT0S", "notify": ["assignee", { "role": "Leader" }] },
            { "after": "1wd", "notify": ["responsibleLeader"],
              "approval": { "outcomes": ["Extend", "Reassign"], "mode": "all", "due": "1wd", "reminders": ["-PT2H"] } },
            { "after": "2wd", "approval": { "approvers": [{ "user": "mayor" }] } }
          ]
        }
        """;

    [Fact]
    public void A_ladder_read_once_gives_typed_steps()
    {
        var policy = DeadlinePolicy.Parse(Inputs(Ladder));

        Assert.Equal(new DueSpec(Duration("3wd"), null), policy.Due);
        Assert.Equal([Duration("-1wd"), Duration("-PT2H")], policy.Reminders);
        Assert.Equal([0, 1, 2], policy.Escalation.Select(s => s.Index));
        Assert.Equal([Duration("PT0S"), Duration("1wd"), Duration("2wd")], policy.Escalation.Select(s => s.After));

        var first = policy.Escalation[0];
        Assert.Equal("assignee", first.Notify[0].Word);
        Assert.Equal("Leader", first.Notify[1].Spec!["role"]!.GetValue<string>());
        Assert.Null(first.Approval);

        var second = policy.Escalation[1].Approval!;
        Assert.Equal("responsibleLeader", Assert.Single(policy.Escalation[1].Notify).Word);
        Assert.Null(second.Approvers);
        Assert.Equal(["Extend", "Reassign"], second.Outcomes);
        Assert.Equal("all", second.Mode);
        Assert.Equal(Duration("1wd"), second.Due);
        Assert.Equal([Duration("-PT2H")], second.Reminders);

        var third = policy.Escalation[2].Approval!;
        Assert.Empty(policy.Escalation[2].Notify);
        Assert.NotNull(third.Approvers);
        Assert.Null(third.Outcomes);
        Assert.Equal("any", third.Mode);
        Assert.Null(third.Due);
    }

    [Fact]
    public void A_computed_due_keeps_its_expression()
    {
        var policy = DeadlinePolicy.Parse(Inputs("""{ "due": { "expression": "problem.dueAt" } }"""));

        Assert.Equal(new DueSpec(null, "problem.dueAt"), policy.Due);
        Assert.Empty(policy.Escalation);
    }

    [Fact]
    public void An_activity_without_deadline_inputs_has_no_policy()
    {
        Assert.Same(DeadlinePolicy.None, DeadlinePolicy.Parse(Inputs("""{ "title": "T", "due": " " }""")));
    }

    [Fact]
    public void An_activity_is_read_once_and_its_graph_hands_out_that_reading()
    {
        var activity = new ActivityModel { Id = "repair", Type = "HumanTask", Inputs = Inputs(Ladder) };
        var graph = new WorkflowGraph(new WorkflowDefinitionModel
        {
            Id = "roof",
            Name = "Roof",
            Activities = [new ActivityModel { Id = "start", Type = "Start" }, activity],
        });

        var policy = DeadlinePolicy.Of(activity);

        Assert.Same(policy, DeadlinePolicy.Of(activity));
        Assert.Same(policy, graph.DeadlinesOf("repair"));
        Assert.Same(DeadlinePolicy.None, graph.DeadlinesOf("start"));
        Assert.Same(DeadlinePolicy.None, graph.DeadlinesOf("nowhere"));
        Assert.Equal(1, policy.Step(1)!.Index);
        Assert.Null(policy.Step(3));
    }

    [Fact]
    public void The_runtime_reading_leaves_out_what_the_validator_refuses_and_keeps_the_step_numbers()
    {
        var policy = DeadlinePolicy.Parse(Inputs("""
            { "due": "3days", "reminders": ["soon", "-PT1H"],
              "escalation": [ 7, { "after": "later", "notify": ["assignee"] }, { "notify": ["assignee", "boss"] } ] }
            """));

        Assert.Null(policy.Due);
        Assert.Equal([Duration("-PT1H")], policy.Reminders);
        var step = Assert.Single(policy.Escalation);
        Assert.Equal(2, step.Index);
        Assert.Equal(Duration("PT0S"), step.After);
        Assert.Equal(["assignee", "boss"], step.Notify.Select(n => n.Word));
    }

    /// <summary>The parser's problems for a task's inputs are the validator's, at the same paths, in the same words.</summary>
    [Theory]
    [InlineData("""{ "due": "3days", "reminders": ["1wd"], "escalation": [{ "notify": ["boss"] }] }""")]
    [InlineData("""{ "due": { "user": "x" }, "reminders": "-1wd", "escalation": { "after": "PT0S" } }""")]
    [InlineData("""
        { "due": "0wd", "escalation": [
            3,
            { "after": "-1wd", "notify": "boss" },
            { "after": "PT0S", "notify": ["chief", 7, { "user": "" }], "approval": 3 },
            { "after": "1wd", "approval": { "approvers": [], "outcomes": [], "mode": "some", "due": "0wd", "reminders": "x", "escalation": [] } },
            { "after": "PT0S" } ] }
        """)]
    public void Bad_deadline_inputs_give_the_validators_problems(string inputs)
    {
        var task = Inputs(inputs);
        task["title"] = "T";
        task["assignee"] = new JsonObject { ["role"] = "Squad" };
        var model = new WorkflowDefinitionModel
        {
            Id = "permit",
            Name = "Permit",
            Activities =
            [
                new ActivityModel { Id = "start", Type = "Start" },
                new ActivityModel { Id = "task", Type = "HumanTask", Inputs = task },
                new ActivityModel { Id = "end", Type = "End" },
            ],
            Connections =
            [
                new ConnectionModel { Source = "start", Outcome = "Done", Target = "task" },
                new ConnectionModel { Source = "task", Outcome = "Done", Target = "end" },
            ],
        };
        var parsed = new List<DefinitionProblem>();

        DeadlinePolicyParser.Parse(task, DeadlineVocabulary.Designer, parsed, "$.activities[1].inputs");
        var validated = new DefinitionValidator(ActivityRegistry.CreateDefault()).Validate(model);

        Assert.NotEmpty(parsed);
        Assert.Equal(validated.Select(p => (p.Path, p.Message, p.MessageZh)), parsed.Select(p => (p.Path, p.Message, p.MessageZh)));
    }

    [Fact]
    public void A_word_outside_the_vocabulary_is_named_with_the_words_there_are()
    {
        var inputs = Inputs("""{ "escalation": [{ "after": "PT0S", "notify": ["boss"] }] }""");
        var designer = new List<DefinitionProblem>();
        var engine = new List<DefinitionProblem>();

        DeadlinePolicyParser.Parse(inputs, DeadlineVocabulary.Designer, designer);
        DeadlinePolicyParser.Parse(inputs, DeadlineVocabulary.Engine, engine);

        Assert.Equal("'boss' is not one of assignee, teamLead, responsibleLeader.", Assert.Single(designer).Message);
        Assert.Equal("'boss' 不是 assignee、teamLead、responsibleLeader 之一。", designer[0].MessageZh);
        Assert.Equal("$.inputs.escalation[0].notify[0]", designer[0].Path);
        Assert.Equal("'boss' is not one of assignee.", Assert.Single(engine).Message);
    }

    private static string RoofRepairWithLeader() => DeadlineFlows.RoofRepair().Json;

    [Fact]
    public void An_engine_without_onboarding_refuses_the_responsible_leader_in_a_ladder()
    {
        using var engine = new ServiceCollection().AddWorkflowEngine().BuildServiceProvider();

        var problems = engine.GetRequiredService<DefinitionValidator>().Validate(RoofRepairWithLeader(), out _);

        // Nor does anyone approve its escalations by default, so the ladder's approval must name its approvers.
        Assert.Equal(
            [
                ("$.activities[1].inputs.escalation[0].notify[0]", "'responsibleLeader' is not one of assignee."),
                ("$.activities[1].inputs.escalation[0].approval.approvers",
                    "This engine names nobody who approves escalations by default: list the approval's approvers."),
            ],
            problems.Select(p => (p.Path, p.Message)));
        Assert.Equal([Approval.Approve, Approval.Extend, Approval.Reassign],
            engine.GetRequiredService<DeadlineVocabulary>().DefaultEscalationOutcomes);
    }

    [Fact]
    public void The_engine_with_onboarding_accepts_the_responsible_leader_in_a_ladder()
    {
        using var full = new ServiceCollection().AddWorkflows().BuildServiceProvider();

        Assert.Empty(full.GetRequiredService<DefinitionValidator>().Validate(RoofRepairWithLeader(), out _));
        Assert.Equal(["assignee", "teamLead", "responsibleLeader"], full.GetRequiredService<DeadlineVocabulary>().Words);
        Assert.Equal([Approval.Approve, Approval.Extend, Approval.Reassign, Butler.Workflows.Onboarding.OnSiteOffice.Outcome],
            full.GetRequiredService<DeadlineVocabulary>().DefaultEscalationOutcomes);
    }
}
