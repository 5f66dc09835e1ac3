using System.Text.Json.Nodes;
using Bunit;
using Butler.Designer.Api;
using Butler.Designer.Sandbox;
using Butler.Workflows.Definitions;
using Microsoft.Extensions.DependencyInjection;

namespace Butler.Designer.Tests;

/// <summary>The test-run panel's sample-input editor; what Start sends and shows is tested against the real host (Host.Tests SandboxPanelApiTests).</summary>
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

    private sealed class NoCredentials : IDesignerCredentials
    {
        public Task<string?> GetTokenAsync(CancellationToken ct = default) => Task.FromResult<string?>(null);
    }

    /// <summary>The panel needs an API client; nothing here calls it, and nothing listens where it points.</summary>
    private static void NoServer(BunitContext context) =>
        context.Services.AddSingleton(new DesignerApi(new HttpClient { BaseAddress = new Uri("http://127.0.0.1:9/") }, new NoCredentials()));

    private static void Type(IRenderedComponent<SandboxPanel> panel, string text) =>
        panel.Find("textarea[data-testid=sandbox-input], [data-testid=sandbox-input] textarea").Input(text);

    [Fact]
    public async Task The_input_is_prefilled_with_the_declared_variables_and_their_defaults()
    {
        await using var context = DesignerTestContext.New("en");
        NoServer(context);
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
        NoServer(context);
        var panel = context.Render<SandboxPanel>(p => p.Add(x => x.Definition, Definition()));

        Type(panel, input);

        Assert.Contains(message, panel.Markup, StringComparison.Ordinal);
        Assert.True(panel.Find("[data-testid=sandbox-start]").HasAttribute("disabled"));
        Type(panel, "{\"amount\": 3}");
        Assert.DoesNotContain(message, panel.Markup, StringComparison.Ordinal);
        Assert.False(panel.Find("[data-testid=sandbox-start]").HasAttribute("disabled"));
    }

    [Fact]
    public void Blank_input_is_the_empty_object()
    {
        Assert.True(SandboxInput.TryParse("  ", out var input, out var error));
        Assert.Empty(input!);
        Assert.Null(error);
    }
}
