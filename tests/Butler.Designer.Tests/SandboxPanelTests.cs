using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Bunit;
using Butler.Designer.Api;
using Butler.Designer.Sandbox;
using Butler.Workflows.Definitions;
using Microsoft.Extensions.DependencyInjection;

namespace Butler.Designer.Tests;

/// <summary>The test-run panel's sample-input editor, and what it sends and shows, against a stand-in for the HTTP API.</summary>
public sealed class SandboxPanelTests
{
    private static WorkflowDefinitionModel Definition() => new()
    {
        Id = "permit-flow",
        Name = "Permit",
        Variables =
        [
            new VariableModel { Name = "amount", Default = JsonValue.Create(12) },
            new VariableModel { Name = "company" },
        ],
        Activities = [new ActivityModel { Id = "start", Type = "Start" }, new ActivityModel { Id = "end", Type = "End" }],
        Connections = [new ConnectionModel { Source = "start", Target = "end" }],
    };

    /// <summary>Answers every request with one canned response and remembers what was asked.</summary>
    private sealed class StandInServer(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public List<(HttpMethod Method, string Path, string? Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request.Method, request.RequestUri!.AbsolutePath,
                request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken)));
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }
    }

    private sealed class NoCredentials : IDesignerCredentials
    {
        public Task<string?> GetTokenAsync(CancellationToken ct = default) => Task.FromResult<string?>("token");
    }

    private static StandInServer Serve(BunitContext context, HttpStatusCode status = HttpStatusCode.OK, string body = "{}")
    {
        var server = new StandInServer(status, body);
        context.Services.AddSingleton(new DesignerApi(new HttpClient(server) { BaseAddress = new Uri("http://butler.test/") }, new NoCredentials()));
        return server;
    }

    private static void Type(IRenderedComponent<SandboxPanel> panel, string text) =>
        panel.Find("textarea[data-testid=sandbox-input], [data-testid=sandbox-input] textarea").Input(text);

    [Fact]
    public async Task The_input_is_prefilled_with_the_declared_variables_and_their_defaults()
    {
        await using var context = DesignerTestContext.New("en");
        Serve(context);
        var panel = context.Render<SandboxPanel>(p => p.Add(x => x.Definition, Definition()));

        var text = panel.Find("textarea[data-testid=sandbox-input], [data-testid=sandbox-input] textarea").GetAttribute("value") ?? panel.Find("textarea[data-testid=sandbox-input], [data-testid=sandbox-input] textarea").TextContent;
        var prefilled = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(12, prefilled["amount"]!.GetValue<int>());
        Assert.True(prefilled.ContainsKey("company"));
        Assert.Null(prefilled["company"]);
        Assert.Contains("No e-mail is sent", panel.Find("[data-testid=sandbox-banner]").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "{\"amount\": ", "Not valid JSON")]
    [InlineData("en", "[1, 2]", "must be a JSON object")]
    [InlineData("zh-CN", "{oops}", "JSON 格式错误")]
    public async Task Input_that_is_not_a_JSON_object_shows_why_inline_and_blocks_start(string culture, string input, string message)
    {
        await using var context = DesignerTestContext.New(culture);
        var server = Serve(context);
        var panel = context.Render<SandboxPanel>(p => p.Add(x => x.Definition, Definition()));

        Type(panel, input);

        Assert.Contains(message, panel.Markup, StringComparison.Ordinal);
        Assert.True(panel.Find("[data-testid=sandbox-start]").HasAttribute("disabled"));
        Type(panel, "{\"amount\": 3}");
        Assert.DoesNotContain(message, panel.Markup, StringComparison.Ordinal);
        Assert.False(panel.Find("[data-testid=sandbox-start]").HasAttribute("disabled"));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Start_sends_the_canvas_and_the_parsed_input_and_shows_a_button_per_outcome_and_timer()
    {
        await using var context = DesignerTestContext.New("en");
        var timerId = Guid.NewGuid();
        var state = $$"""
            {
              "id": "{{Guid.NewGuid()}}", "definitionId": "permit-flow", "status": "running",
              "startedAt": "2026-03-02T01:00:00Z", "now": "2026-03-02T01:00:00Z", "expiresAt": "2026-03-02T01:30:00Z",
              "variables": { "amount": 3 }, "activeActivityIds": [ "permit" ],
              "tasks": [ { "id": "{{Guid.NewGuid()}}", "activityId": "permit", "kind": "Task", "title": "Get the permit", "assigneeUser": null,
                           "assigneeRole": "Squad", "dueAt": "2026-03-05T10:00:00Z", "escalationLevel": 0, "outcomes": [ "Done", "Blocked" ], "fields": [] } ],
              "approvals": [],
              "timers": [ { "id": "{{timerId}}", "kind": "reminder", "activityId": "permit", "step": 0, "dueAt": "2026-03-04T10:00:00Z", "isDue": false } ],
              "journal": [ { "sequence": 1, "at": "2026-03-02T01:00:00Z", "kind": "instanceStarted", "activityId": null, "actor": "admin", "outcome": null, "detail": null } ],
              "heldMails": [ { "to": "squad@butler.example", "toName": "Li", "subject": "Reminder", "at": "2026-03-02T01:00:00Z" } ],
              "incidents": []
            }
            """;
        var server = Serve(context, HttpStatusCode.Created, state);
        IReadOnlyCollection<string>? active = null;
        var panel = context.Render<SandboxPanel>(p => p
            .Add(x => x.Definition, Definition())
            .Add(x => x.ActiveActivitiesChanged, (IReadOnlyCollection<string> ids) => active = ids));

        Type(panel, "{\"amount\": 3}");
        await panel.Find("[data-testid=sandbox-start]").ClickAsync(new());

        var (method, path, body) = Assert.Single(server.Requests);
        Assert.Equal((HttpMethod.Post, "/api/sandbox"), (method, path));
        var sent = JsonNode.Parse(body!)!.AsObject();
        Assert.Equal("permit-flow", sent["definition"]!["id"]!.GetValue<string>());
        Assert.Equal(3, sent["input"]!["amount"]!.GetValue<int>());
        Assert.Equal(["permit"], active);
        panel.Find("[data-testid=sandbox-complete-permit-Done]");
        panel.Find("[data-testid=sandbox-complete-permit-Blocked]");
        panel.Find($"[data-testid=sandbox-fire-{timerId}]");
        Assert.Contains("squad@butler.example", panel.Find("[data-testid=sandbox-mails]").TextContent, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("[data-testid=sandbox-input]"));
    }

    [Fact]
    public void Blank_input_is_the_empty_object()
    {
        Assert.True(SandboxInput.TryParse("  ", out var input, out var error));
        Assert.Empty(input!);
        Assert.Null(error);
    }
}
