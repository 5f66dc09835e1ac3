using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bunit;
using Butler.Designer.Api;
using Butler.Designer.Sandbox;
using Butler.Host.Tests.Components;
using Butler.Host.Tests.Support;
using Butler.Workflows.Definitions;
using Microsoft.Extensions.DependencyInjection;

namespace Butler.Host.Tests.Designer;

/// <summary>The test-run panel against the real host: what Start sends, and the run it then shows.</summary>
public sealed class SandboxPanelApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static WorkflowDefinitionModel Definition() => DefinitionJson.TryParse("""
        {
          "id": "permit-flow", "name": "Permit",
          "variables": [ { "name": "amount", "default": 12 } ],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "permit", "type": "HumanTask",
              "inputs": { "title": "Get the permit ({{amount}})", "assignee": { "role": "Squad" }, "outcomes": ["Done", "Blocked"],
                          "due": "3wd", "reminders": ["-1wd"] } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "source": "start", "outcome": "Done", "target": "permit" },
            { "source": "permit", "outcome": "Done", "target": "end" }
          ]
        }
        """, out _)!;

    [Fact]
    public async Task Start_runs_the_canvas_with_the_typed_input_and_shows_a_button_per_outcome_and_the_reminder_to_fire()
    {
        var api = await DesignerClients.ForAsync(app, "admin");
        await using var context = MudTestContext.New();
        context.Services.AddSingleton(api);
        IReadOnlyCollection<string>? active = null;
        var panel = context.Render<SandboxPanel>(p => p
            .Add(x => x.Definition, Definition())
            .Add(x => x.ActiveActivitiesChanged, (IReadOnlyCollection<string> ids) => active = ids));

        panel.Find("textarea[data-testid=sandbox-input], [data-testid=sandbox-input] textarea").Input("{\"amount\": 3}");
        await panel.Find("[data-testid=sandbox-start]").ClickAsync(new());

        panel.WaitForAssertion(() => panel.Find("[data-testid=sandbox-complete-permit-Done]"), Patience);
        panel.Find("[data-testid=sandbox-complete-permit-Blocked]");
        // The typed input reached the run: the task's title was filled from it.
        Assert.Contains("Get the permit (3)", panel.Find("[data-testid=sandbox-task-permit]").TextContent, StringComparison.Ordinal);
        Assert.Single(panel.FindAll("[data-testid^=sandbox-fire-]"));
        Assert.Equal(["permit"], active);
        Assert.Equal("running", panel.Find("[data-testid=sandbox-status]").GetAttribute("data-status"));
    }
}
