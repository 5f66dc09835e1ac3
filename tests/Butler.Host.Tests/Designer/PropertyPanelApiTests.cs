using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bunit;
using Butler.Designer.Api;
using Butler.Designer.Properties;
using Butler.Host.Identity;
using Butler.Host.Tests.Api.Organisation;
using Butler.Host.Tests.Components;
using Butler.Host.Tests.Support;
using Butler.Workflows.Activities;
using Butler.Workflows.Definitions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Butler.Host.Tests.Designer;

/// <summary>The property panel's editors that ask the API — due previews, pickers, the expression check — against the real host.</summary>
public sealed class PropertyPanelApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>A Friday afternoon in the district: three working days on is Tuesday evening.</summary>
    private static readonly DateTimeOffset FridayAfternoon = new(2026, 9, 18, 15, 0, 0, TimeSpan.FromHours(8));

    private async Task<BunitContext> ContextAsync(DateTimeOffset now)
    {
        var api = await DesignerClients.ForAsync(app, "admin");
        var context = MudTestContext.New();
        context.Services.AddSingleton(api);
        context.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(now));
        return context;
    }

    private static IRenderedComponent<PropertyPanel> Render(BunitContext context, string type, JsonObject inputs)
    {
        var descriptor = ActivityRegistry.CreateDefault().Get(type).Descriptor;
        var activity = new ActivityModel { Id = "step", Type = type, Inputs = inputs };
        return context.Render<PropertyPanel>(p => p
            .Add(x => x.Descriptor, descriptor)
            .Add(x => x.Activity, activity)
            .Add(x => x.ActivityIndex, 1)
            .Add(x => x.Variables, ["project"]));
    }

    [Fact]
    public async Task The_due_preview_says_when_three_working_days_from_now_fall_due_in_district_time()
    {
        await using var context = await ContextAsync(FridayAfternoon);
        var cut = Render(context, "HumanTask", new JsonObject { ["due"] = "3wd", ["reminders"] = new JsonArray("-1wd") });

        cut.WaitForAssertion(() => Assert.Contains("2026-09-22 18:00", cut.Find("[data-testid=prop-due-input-preview]").TextContent, StringComparison.Ordinal), Patience);
        // A reminder a working day before keeps the due's time of day: Monday evening.
        cut.WaitForAssertion(() => Assert.Contains("2026-09-21 18:00", cut.Find("[data-testid=prop-reminder-0-preview]").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(cut.FindAll("[data-testid=prop-due-input-preview-missing]"));

        cut.Find("[data-testid=prop-due-input]").Input("PT4H");
        cut.WaitForAssertion(() => Assert.Contains("2026-09-18 19:00", cut.Find("[data-testid=prop-due-input-preview]").TextContent, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task The_due_preview_warns_when_a_year_has_no_published_calendar()
    {
        await using var context = await ContextAsync(new DateTimeOffset(2040, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)));
        var cut = Render(context, "HumanTask", new JsonObject { ["due"] = "3wd" });

        cut.WaitForAssertion(() => Assert.Contains("2040", cut.Find("[data-testid=prop-due-input-preview-missing]").TextContent, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task The_expression_editor_says_whether_the_engine_can_parse_it()
    {
        await using var context = await ContextAsync(FridayAfternoon);
        var inputs = new JsonObject { ["condition"] = "amount >" };
        var cut = Render(context, "Decision", inputs);

        // The host's request culture may leak into the test's thread, so the verdict is read from data-valid, not the words.
        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find("[data-testid=prop-condition-input-check]").GetAttribute("data-valid")), Patience);
        Assert.Contains("Unexpected end of input", cut.Find("[data-testid=prop-condition-input-check]").TextContent, StringComparison.Ordinal);

        // Awaited: the first check's answer may be rendering on another thread, and the event then waits its turn.
        await cut.Find("[data-testid=prop-condition-input]").InputAsync(new ChangeEventArgs { Value = "amount > 1e8" });

        Assert.Equal("amount > 1e8", inputs["condition"]!.GetValue<string>());
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=prop-condition-input-check]").GetAttribute("data-valid")), Patience);
        Assert.Contains("✓", cut.Find("[data-testid=prop-condition-input-check]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_user_picker_searches_accounts_and_writes_the_chosen_user()
    {
        await using var context = await ContextAsync(FridayAfternoon);
        var inputs = new JsonObject();
        var cut = Render(context, "HumanTask", inputs);

        cut.Find("[data-testid=prop-assignee-user]").Input("lead");
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid^=prop-assignee-user-option-]")), Patience);
        var leader = cut.FindAll("[data-testid^=prop-assignee-user-option-]").First(b => b.TextContent.Contains("(leader)", StringComparison.Ordinal) || b.TextContent == "leader");
        await leader.ClickAsync(new MouseEventArgs());

        Assert.Equal("{\"user\":\"leader\"}", inputs["assignee"]!.ToJsonString());
    }

    [Fact]
    public async Task The_role_picker_offers_the_account_roles_and_the_teams_by_name()
    {
        var admin = await app.ClientForAsync("admin");
        var team = await OrganisationApiTests.CreateTeamAsync(admin, "serviceSquad", "squad");
        var roleName = team["roleName"]!.GetValue<string>();
        await using var context = await ContextAsync(FridayAfternoon);
        var inputs = new JsonObject { ["assignee"] = new JsonObject { ["role"] = "Squad" } };
        var cut = Render(context, "HumanTask", inputs);

        cut.WaitForAssertion(() => Assert.Contains(team["name"]!.GetValue<string>(),
            cut.Find($"[data-testid=prop-assignee-role] option[value='{roleName}']").TextContent, StringComparison.Ordinal), Patience);
        Assert.Equal(Roles.All, cut.FindAll("[data-testid=prop-assignee-role] option").Select(o => o.GetAttribute("value") ?? "").Where(v => Roles.All.Contains(v)).ToList());

        cut.Find("[data-testid=prop-assignee-role]").Change(roleName);

        Assert.Equal(roleName, inputs["assignee"]!["role"]!.GetValue<string>());
    }

    [Fact]
    public void The_designers_account_roles_are_the_hosts()
    {
        Assert.Equal(Roles.All, DesignerApi.AccountRoles);
    }
}
