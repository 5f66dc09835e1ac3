using Bunit;
using System.Text.Json.Nodes;

namespace Butler.Designer.Tests.Properties;

public sealed class EditorTests
{
    [Fact]
    public async Task Adding_a_reminder_writes_one_working_day_before_and_validates()
    {
        await using var context = DesignerTestContext.New();
        var fixture = new PanelFixture("HumanTask", new JsonObject { ["title"] = "t", ["assignee"] = new JsonObject { ["role"] = "Squad" }, ["due"] = "3wd" });
        var cut = fixture.Render(context);

        cut.Find("[data-testid=prop-reminders-add]").Click();

        Assert.Equal("[\"-1wd\"]", PanelFixture.Json(fixture.Inputs["reminders"]));
        Assert.Equal("-1wd", cut.Find("[data-testid=prop-reminder-0]").GetAttribute("value"));
        Assert.Empty(fixture.InputProblems());
        Assert.Equal(1, fixture.Changes);
    }

    [Fact]
    public async Task A_reminder_after_the_due_time_is_refused_and_the_last_good_offset_kept()
    {
        await using var context = DesignerTestContext.New();
        var fixture = new PanelFixture("HumanTask", new JsonObject { ["reminders"] = new JsonArray("-1wd") });
        var cut = fixture.Render(context);

        cut.Find("[data-testid=prop-reminder-0]").Input("1wd");

        Assert.NotEmpty(cut.FindAll("[data-testid=prop-reminder-0-error]"));
        Assert.Equal("[\"-1wd\"]", PanelFixture.Json(fixture.Inputs["reminders"]));

        cut.Find("[data-testid=prop-reminder-0]").Input("-PT2H");
        Assert.Equal("[\"-PT2H\"]", PanelFixture.Json(fixture.Inputs["reminders"]));
        cut.Find("[data-testid=prop-reminder-0-remove]").Click();
        Assert.False(fixture.Inputs.ContainsKey("reminders"));
    }

    [Fact]
    public async Task A_bad_duration_shows_an_error_and_is_not_written()
    {
        await using var context = DesignerTestContext.New();
        var fixture = new PanelFixture("HumanTask", new JsonObject { ["due"] = "2wd" });
        var cut = fixture.Render(context);

        cut.Find("[data-testid=prop-due-input]").Input("3 days");

        Assert.NotEmpty(cut.FindAll("[data-testid=prop-due-input-error]"));
        Assert.Equal("2wd", fixture.Inputs["due"]!.GetValue<string>());
        Assert.Equal(0, fixture.Changes);

        cut.Find("[data-testid=prop-due-input]").Input("PT4H");
        Assert.Empty(cut.FindAll("[data-testid=prop-due-input-error]"));
        Assert.Equal("PT4H", fixture.Inputs["due"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_due_computed_by_an_expression_writes_the_shape_the_validator_takes()
    {
        await using var context = DesignerTestContext.New();
        var fixture = new PanelFixture("HumanTask", new JsonObject { ["title"] = "t", ["assignee"] = new JsonObject { ["role"] = "Squad" } });
        var cut = fixture.Render(context);

        cut.Find("[data-testid=prop-due-mode]").Change("expression");
        cut.Find("[data-testid=prop-due-expression]").Input("problem.dueAt");

        Assert.Equal("{\"expression\":\"problem.dueAt\"}", PanelFixture.Json(fixture.Inputs["due"]));
        Assert.Empty(fixture.InputProblems());
    }

    [Fact]
    public async Task An_escalation_step_to_the_responsible_leader_writes_what_the_validator_accepts()
    {
        await using var context = DesignerTestContext.New();
        var fixture = new PanelFixture("HumanTask", new JsonObject { ["title"] = "t", ["assignee"] = new JsonObject { ["role"] = "Squad" }, ["due"] = "2wd" });
        var cut = fixture.Render(context);

        cut.Find("[data-testid=prop-escalation-add]").Click();
        Assert.NotEmpty(cut.FindAll("[data-testid=prop-escalation-0-needs-action]"));
        cut.Find("[data-testid=prop-escalation-0-notify-responsibleLeader]").Change(true);

        Assert.Equal("[{\"after\":\"PT0S\",\"notify\":[\"responsibleLeader\"]}]", PanelFixture.Json(fixture.Inputs["escalation"]));
        Assert.Empty(fixture.InputProblems());
    }

    [Fact]
    public async Task A_second_escalation_step_opens_an_approval_with_its_own_approvers_mode_and_deadline()
    {
        await using var context = DesignerTestContext.New();
        var fixture = new PanelFixture("HumanTask", new JsonObject
        {
            ["title"] = "t",
            ["assignee"] = new JsonObject { ["role"] = "Squad" },
            ["escalation"] = JsonNode.Parse("[{\"after\":\"PT0S\",\"notify\":[\"assignee\",\"teamLead\"]}]"),
        });
        var cut = fixture.Render(context);

        cut.Find("[data-testid=prop-escalation-add]").Click();
        cut.Find("[data-testid=prop-escalation-1-after]").Input("2wd");
        cut.Find("[data-testid=prop-escalation-1-approval]").Change(true);
        cut.Find("[data-testid=prop-escalation-1-approvers-add]").Click();
        cut.Find("[data-testid=prop-escalation-1-approvers-0-kind]").Change("expression");
        cut.Find("[data-testid=prop-escalation-1-approvers-0-expression]").Input("project.leader");
        cut.Find("[data-testid=prop-escalation-1-mode]").Change("all");
        cut.Find("[data-testid=prop-escalation-1-due]").Input("1wd");
        cut.Find("[data-testid=prop-escalation-0-notify-teamLead]").Change(false);

        Assert.Equal(
            "[{\"after\":\"PT0S\",\"notify\":[\"assignee\"]},"
            + "{\"after\":\"2wd\",\"approval\":{\"approvers\":[{\"expression\":\"project.leader\"}],\"mode\":\"all\",\"due\":\"1wd\"}}]",
            PanelFixture.Json(fixture.Inputs["escalation"]));
        Assert.Empty(fixture.InputProblems());

        cut.Find("[data-testid=prop-escalation-1-up]").Click();
        Assert.Equal("2wd", fixture.Inputs["escalation"]![0]!["after"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_escalation_step_before_the_due_time_is_refused()
    {
        await using var context = DesignerTestContext.New();
        var fixture = new PanelFixture("HumanTask", new JsonObject { ["escalation"] = JsonNode.Parse("[{\"after\":\"1wd\",\"notify\":[\"assignee\"]}]") });
        var cut = fixture.Render(context);

        cut.Find("[data-testid=prop-escalation-0-after]").Input("-1wd");

        Assert.NotEmpty(cut.FindAll("[data-testid=prop-escalation-0-after-error]"));
        Assert.Equal("1wd", fixture.Inputs["escalation"]![0]!["after"]!.GetValue<string>());
    }

    [Fact]
    public async Task Choosing_an_option_writes_it_and_not_set_removes_it()
    {
        await using var context = DesignerTestContext.New();
        var fixture = new PanelFixture("Approval");
        var cut = fixture.Render(context);

        cut.Find("[data-testid=prop-mode-input]").Change("majority");
        Assert.Equal("majority", fixture.Inputs["mode"]!.GetValue<string>());

        cut.Find("[data-testid=prop-mode-input]").Change("");
        Assert.False(fixture.Inputs.ContainsKey("mode"));
    }

    [Fact]
    public async Task A_name_that_is_no_identifier_is_refused()
    {
        await using var context = DesignerTestContext.New();
        var fixture = new PanelFixture("WaitSignal");
        var cut = fixture.Render(context);

        cut.Find("[data-testid=prop-variable-input]").Input("1st payload");
        Assert.NotEmpty(cut.FindAll("[data-testid=prop-variable-input-error]"));
        Assert.False(fixture.Inputs.ContainsKey("variable"));

        cut.Find("[data-testid=prop-variable-input]").Input("payload");
        Assert.Equal("payload", fixture.Inputs["variable"]!.GetValue<string>());
    }

    [Fact]
    public async Task Outcomes_are_added_reordered_and_removed_as_a_list_of_strings()
    {
        await using var context = DesignerTestContext.New();
        var fixture = new PanelFixture("HumanTask");
        var cut = fixture.Render(context);

        cut.Find("[data-testid=prop-outcomes-add]").Click();
        cut.Find("[data-testid=prop-outcomes-0]").Input("Done");
        cut.Find("[data-testid=prop-outcomes-add]").Click();
        Assert.Equal("[\"Done\"]", PanelFixture.Json(fixture.Inputs["outcomes"]));
        cut.Find("[data-testid=prop-outcomes-1]").Input("Refused");
        cut.Find("[data-testid=prop-outcomes-1-up]").Click();

        Assert.Equal("[\"Refused\",\"Done\"]", PanelFixture.Json(fixture.Inputs["outcomes"]));

        cut.Find("[data-testid=prop-outcomes-0-remove]").Click();
        cut.Find("[data-testid=prop-outcomes-0-remove]").Click();
        Assert.False(fixture.Inputs.ContainsKey("outcomes"));
    }

    [Fact]
    public async Task An_assignee_role_or_user_writes_a_single_spec()
    {
        await using var context = DesignerTestContext.New();
        var fixture = new PanelFixture("HumanTask");
        var cut = fixture.Render(context);

        cut.Find("[data-testid=prop-assignee-user]").Input("squad");
        Assert.Equal("{\"user\":\"squad\"}", PanelFixture.Json(fixture.Inputs["assignee"]));

        cut.Find("[data-testid=prop-assignee-kind]").Change("role");
        cut.Find("[data-testid=prop-assignee-role]").Change("Leader");
        Assert.Equal("{\"role\":\"Leader\"}", PanelFixture.Json(fixture.Inputs["assignee"]));
    }

    [Fact]
    public async Task Form_fields_round_trip_and_new_fields_validate()
    {
        await using var context = DesignerTestContext.New();
        const string Original = "[{\"name\":\"policies\",\"label\":{\"en\":\"Policies explained\",\"zh-CN\":\"解读的政策\"},\"type\":\"textarea\",\"required\":true},"
            + "{\"name\":\"areaMu\",\"label\":\"Area\",\"type\":\"number\",\"required\":false}]";
        var fixture = new PanelFixture("HumanTask", new JsonObject { ["title"] = "t", ["assignee"] = new JsonObject { ["role"] = "Squad" }, ["fields"] = JsonNode.Parse(Original) });
        var cut = fixture.Render(context);

        Assert.Equal("policies", cut.Find("[data-testid=prop-fields-0-name]").GetAttribute("value"));
        Assert.Equal("解读的政策", cut.Find("[data-testid=prop-fields-0-label-zh]").GetAttribute("value"));
        Assert.Equal("textarea", cut.Find("[data-testid=prop-fields-0-type]").GetAttribute("value"));
        Assert.Equal("Area", cut.Find("[data-testid=prop-fields-1-label-en]").GetAttribute("value"));
        Assert.Equal(Original, PanelFixture.Json(fixture.Inputs["fields"]));

        cut.Find("[data-testid=prop-fields-1-label-zh]").Input("面积（亩）");
        cut.Find("[data-testid=prop-fields-add]").Click();
        cut.Find("[data-testid=prop-fields-2-type]").Change("select");
        cut.Find("[data-testid=prop-fields-2-options-add]").Click();
        cut.Find("[data-testid=prop-fields-2-options-0]").Input("north");
        cut.Find("[data-testid=prop-fields-2-required]").Change(true);
        cut.Find("[data-testid=prop-fields-2-name]").Input("2nd");

        var fields = fixture.Inputs["fields"]!.AsArray();
        Assert.Equal("{\"name\":\"areaMu\",\"label\":{\"zh-CN\":\"面积（亩）\",\"en\":\"Area\"},\"type\":\"number\",\"required\":false}", PanelFixture.Json(fields[1]));
        Assert.Equal("{\"name\":\"field3\",\"type\":\"select\",\"required\":true,\"options\":[\"north\"]}", PanelFixture.Json(fields[2]));
        Assert.NotEmpty(cut.FindAll("[data-testid=prop-fields-2-name-error]"));
        Assert.Empty(fixture.InputProblems());
    }

    [Fact]
    public async Task Approvers_given_by_one_expression_write_the_expression_spec()
    {
        await using var context = DesignerTestContext.New();
        var fixture = new PanelFixture("Approval");
        var cut = fixture.Render(context);

        cut.Find("[data-testid=prop-approvers-mode]").Change("expression");
        cut.Find("[data-testid=prop-approvers-expression]").Input("project.leader");

        Assert.Equal("{\"expression\":\"project.leader\"}", PanelFixture.Json(fixture.Inputs["approvers"]));
        Assert.Empty(fixture.InputProblems());
    }
}
