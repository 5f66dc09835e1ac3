using System.Globalization;
using System.Text.Json.Nodes;
using Bunit;
using Butler.Host.Api.Tasks;
using Butler.Host.Components.Tasks;

namespace Butler.Host.Tests.Components;

/// <summary>The task form and history rendered with bUnit: typed editors, outcome buttons, validation next to fields.</summary>
public sealed class TaskFormTests
{
    private static BunitContext NewContext(string culture = "en") => MudTestContext.New(culture);

    private static readonly JsonArray PermitFields = JsonNode.Parse("""
        [
          { "name": "received", "label": { "en": "Articles received", "zh-CN": "公司章程已收取" }, "type": "boolean", "required": true },
          { "name": "licenceNo", "label": { "en": "Licence number", "zh-CN": "营业执照编号" }, "type": "text", "required": true },
          { "name": "areaMu", "label": "Area (mu)", "type": "number" },
          { "name": "startedOn", "type": "date" },
          { "name": "summary", "label": "Summary", "type": "textarea" }
        ]
        """)!.AsArray();

    private static IRenderedComponent<TaskForm> RenderForm(BunitContext bunit, Action<TaskSubmission>? submitted = null,
        IReadOnlyDictionary<string, string[]>? errors = null, string[]? outcomes = null, bool disabled = false) =>
        bunit.Render<TaskForm>(p => p
            .Add(c => c.Fields, TaskFormFields.Parse(PermitFields))
            .Add(c => c.Outcomes, outcomes ?? ["Done", "NotNeeded", "CallBack"])
            .Add(c => c.Errors, errors)
            .Add(c => c.Disabled, disabled)
            .Add(c => c.OnSubmit, s => submitted?.Invoke(s)));

    [Fact]
    public void Fields_are_read_with_their_type_requirement_and_label_in_the_current_language()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        var fields = TaskFormFields.Parse(PermitFields);

        Assert.Equal(["boolean", "text", "number", "date", "textarea"], fields.Select(f => f.Type));
        Assert.Equal(["公司章程已收取", "营业执照编号", "Area (mu)", "startedOn", "Summary"], fields.Select(f => f.Label));
        Assert.Equal([true, true, false, false, false], fields.Select(f => f.Required));
    }

    [Fact]
    public async Task Each_field_gets_a_typed_labelled_editor()
    {
        await using var bunit = NewContext();
        var form = RenderForm(bunit);

        Assert.Equal("number", form.Find("input#task-field-areaMu").GetAttribute("type"));
        Assert.Equal("date", form.Find("input#task-field-startedOn").GetAttribute("type"));
        Assert.Equal("text", form.Find("input#task-field-licenceNo").GetAttribute("type"));
        Assert.NotNull(form.Find("textarea#task-field-summary"));
        Assert.NotNull(form.Find("[data-field=received] input[type=checkbox]"));
        foreach (var label in new[] { "Articles received", "Licence number", "Area (mu)", "startedOn", "Summary" })
        {
            Assert.Contains(label, form.Markup, StringComparison.Ordinal);
        }
        Assert.Equal("4000", form.Find("textarea#task-comment").GetAttribute("maxlength"));
    }

    [Theory]
    [InlineData("en", "Done", "Not needed", "CallBack")]
    [InlineData("zh-CN", "完成", "无需办理", "CallBack")]
    public async Task There_is_one_button_per_outcome_with_known_outcomes_in_words_and_others_as_written(string culture, string done, string notNeeded, string other)
    {
        await using var bunit = NewContext(culture);
        var form = RenderForm(bunit);

        Assert.Equal(done, form.Find("[data-testid=task-outcome-Done]").TextContent.Trim());
        Assert.Equal(notNeeded, form.Find("[data-testid=task-outcome-NotNeeded]").TextContent.Trim());
        Assert.Equal(other, form.Find("[data-testid=task-outcome-CallBack]").TextContent.Trim());
    }

    [Fact]
    public async Task Pressing_an_outcome_sends_typed_values_and_the_comment()
    {
        await using var bunit = NewContext();
        TaskSubmission? sent = null;
        var form = RenderForm(bunit, s => sent = s);

        form.Find("input#task-field-licenceNo").Input("  91411100MA  ");
        form.Find("input#task-field-areaMu").Input("12.5");
        form.Find("input#task-field-startedOn").Input("2026-03-02");
        form.Find("[data-field=received] input[type=checkbox]").Change(true);
        form.Find("textarea#task-comment").Input("资料齐全");
        form.Find("[data-testid=task-outcome-Done]").Click();

        Assert.NotNull(sent);
        Assert.Equal("Done", sent.Outcome);
        Assert.Equal("资料齐全", sent.Comment);
        Assert.Equal("91411100MA", sent.Values["licenceNo"]!.GetValue<string>());
        Assert.Equal(12.5m, sent.Values["areaMu"]!.GetValue<decimal>());
        Assert.Equal("2026-03-02", sent.Values["startedOn"]!.GetValue<string>());
        Assert.True(sent.Values["received"]!.GetValue<bool>());
        Assert.False(sent.Values.ContainsKey("summary"));
    }

    [Fact]
    public async Task Text_that_is_no_number_is_caught_next_to_its_field_before_anything_is_sent()
    {
        await using var bunit = NewContext();
        TaskSubmission? sent = null;
        var form = RenderForm(bunit, s => sent = s);

        form.Find("input#task-field-areaMu").Input("twelve");
        form.Find("[data-testid=task-outcome-Done]").Click();

        Assert.Null(sent);
        Assert.Equal("Enter a number.", form.Find("[data-testid=task-field-error-areaMu]").TextContent);
    }

    [Theory]
    [InlineData("en", "This field is required.")]
    [InlineData("zh-CN", "此项必填。")]
    public async Task The_runners_validation_errors_show_next_to_their_fields_and_the_rest_below_the_form(string culture, string required)
    {
        await using var bunit = NewContext(culture);
        var errors = new Dictionary<string, string[]>
        {
            ["fields.licenceNo"] = ["'licenceNo' is required."],
            ["fields.startedOn"] = ["Must be a date written yyyy-MM-dd."],
            ["outcome"] = ["This task offers Done, not 'Later'."],
        };
        var form = RenderForm(bunit, errors: errors);

        Assert.Equal(required, form.Find("[data-testid=task-field-error-licenceNo]").TextContent);
        Assert.Equal("Must be a date written yyyy-MM-dd.", form.Find("[data-testid=task-field-error-startedOn]").TextContent);
        Assert.NotNull(form.Find("[data-field=licenceNo] [data-testid=task-field-error-licenceNo]"));
        Assert.Equal("This task offers Done, not 'Later'.", form.Find("[data-testid=task-error-outcome]").TextContent);
        Assert.Empty(form.FindAll("[data-testid=task-field-error-areaMu]"));
    }

    [Fact]
    public async Task A_form_the_reader_may_not_complete_has_its_outcome_buttons_disabled()
    {
        await using var bunit = NewContext();
        var form = RenderForm(bunit, disabled: true);

        Assert.All(form.FindAll("[data-testid^=task-outcome-]"), b => Assert.True(b.HasAttribute("disabled")));
    }

    [Fact]
    public async Task The_history_lists_what_happened_oldest_first_in_the_district_time_zone_with_actor_and_comment()
    {
        await using var bunit = NewContext();
        var at = new DateTimeOffset(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);
        var history = bunit.Render<TaskHistory>(p => p
            .Add(c => c.Items, [
                new TaskHistoryItem(at, "taskCreated", "system", null, null, "role:Squad"),
                new TaskHistoryItem(at.AddHours(1), "taskClaimed", "zhang", null, null, null),
                new TaskHistoryItem(at.AddHours(2), "note", "zhang", null, "已电话联系", null),
                new TaskHistoryItem(at.AddDays(1), "taskCompleted", "zhang", "Done", "办结", null),
            ])
            .Add(c => c.TimeZone, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));

        var items = history.FindAll("[data-testid=task-history] li");
        Assert.Equal(["taskCreated", "taskClaimed", "note", "taskCompleted"], items.Select(i => i.GetAttribute("data-kind")));
        Assert.Equal("2026-03-02 09:30", items[0].QuerySelector(".history-when")!.TextContent);
        Assert.Equal("System", items[0].QuerySelector(".history-actor")!.TextContent);
        Assert.Equal("Claimed", items[1].QuerySelector(".history-kind")!.TextContent);
        Assert.Equal("已电话联系", items[2].QuerySelector(".history-comment")!.TextContent);
        Assert.Contains("Done", items[3].QuerySelector(".history-outcome")!.TextContent, StringComparison.Ordinal);
    }
}
