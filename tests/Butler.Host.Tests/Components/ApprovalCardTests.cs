using Bunit;
using Butler.Host.Api.Approvals;
using Butler.Host.Components.Approvals;
using Butler.Workflows.Calendar;
using Butler.Workflows.Notifications;
using Butler.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace Butler.Host.Tests.Components;

/// <summary>The approval card: why it escalated, the outcome buttons and the checks before a decision goes to the runner.</summary>
public sealed class ApprovalCardTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    // Thursday 9 October 2025, 10:00 in Shanghai.
    private static readonly DateTimeOffset Now = new(2025, 10, 9, 2, 0, 0, TimeSpan.Zero);

    private readonly List<ApprovalDecision> _submitted = [];

    private static BunitContext NewContext(string culture = "en")
    {
        var context = MudTestContext.New(culture);
        context.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        return context;
    }

    private static ApprovalCardModel Card(string[]? outcomes = null, int? overdue = 4, DateTimeOffset? due = null) => new(
        new ApprovalView(Guid.NewGuid(), Guid.NewGuid(), "permit", "Food production licence", null, "any",
            outcomes ?? ["Approve", "Reject", "Extend", "Reassign", "OnSiteOffice"], [new RecipientSpec(null, "Leader")], "pending", null,
            Now.AddDays(-2), null, null,
            new EscalatedTaskView(Guid.NewGuid(), "File the food production licence", null, "team:squad", due ?? new DateTimeOffset(2025, 9, 26, 10, 0, 0, TimeSpan.Zero),
                "red", 2, "open"),
            [new VoteView("leader2", "Extend", "Give them a week", Now.AddHours(-3), Now.AddDays(7), null)]),
        new ApprovalProject(Guid.NewGuid(), "Health food plant", "Luohe Foods Ltd"),
        "Health food squad",
        overdue,
        [new ApprovalNote("squad", Now.AddDays(-1), "Waiting for the environmental assessment")]);

    private Task<OperationResult<Guid>> Accept(ApprovalDecision decision)
    {
        _submitted.Add(decision);
        return Task.FromResult(OperationResult<Guid>.Ok(decision.ApprovalId));
    }

    private IRenderedComponent<ApprovalCard> Render(BunitContext bunit, ApprovalCardModel card,
        Func<ApprovalDecision, Task<OperationResult<Guid>>>? decide = null, Action<ApprovalDecision>? decided = null) =>
        bunit.Render<ApprovalCard>(p => p
            .Add(c => c.Card, card)
            .Add(c => c.TimeZone, Shanghai)
            .Add(c => c.Assignees, [new UserChoice("squad2", "Wang Fang"), new UserChoice("squad3", "squad3")])
            .Add(c => c.Decide, decide ?? Accept)
            .Add(c => c.OnDecided, d => decided?.Invoke(d)));

    [Fact]
    public async Task A_card_says_why_it_escalated_with_the_project_the_task_and_the_working_days_overdue()
    {
        await using var bunit = NewContext();

        var card = Render(bunit, Card());

        Assert.Equal("The task is 4 working days overdue, escalated to level 2", card.Find("[data-testid=approval-reason]").TextContent);
        Assert.Contains("Health food plant · Luohe Foods Ltd", card.Find(".approval-project").TextContent, StringComparison.Ordinal);
        Assert.Equal("File the food production licence", card.Find(".approval-task").TextContent);
        Assert.Equal("Health food squad", card.Find(".approval-assignee").TextContent);
        Assert.Equal("2025-09-26 18:00", card.Find(".approval-due").TextContent);
        Assert.Equal("4 working days overdue", card.Find("[data-testid=approval-overdue]").TextContent);
        Assert.Contains("leader2: Extend", card.Find(".approval-votes").TextContent, StringComparison.Ordinal);
        Assert.Contains("Waiting for the environmental assessment", card.Find("[data-testid=approval-notes]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decided_card_keeps_the_level_that_opened_it_after_an_extension_reset_the_tasks_level()
    {
        await using var bunit = NewContext();
        var card = Card();
        var extended = card with
        {
            Approval = card.Approval with { Status = "decided", Outcome = "Extend", EscalatedTask = card.Approval.EscalatedTask! with { EscalationLevel = 0 } }
                with { EscalationLevel = 1 },
        };

        var rendered = Render(bunit, extended);

        Assert.Equal("1", rendered.Find(".approval-level").TextContent);
        Assert.EndsWith("level 1", rendered.Find("[data-testid=approval-reason]").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, true, "1 working day overdue")]
    [InlineData(0, true, "Overdue since today")]
    [InlineData(0, false, "Not overdue")]
    public async Task The_overdue_text_counts_working_days(int workingDays, bool late, string text)
    {
        await using var bunit = NewContext();

        var card = Render(bunit, Card(overdue: workingDays, due: late ? Now.AddHours(-1) : Now.AddDays(2)));

        Assert.Equal(text, card.Find("[data-testid=approval-overdue]").TextContent);
    }

    [Fact]
    public async Task Each_outcome_has_its_button_named_in_the_readers_language()
    {
        await using var bunit = NewContext("zh-CN");

        var card = Render(bunit, Card(["Approve", "Reject", "OnSiteOffice", "Custom"]));

        string[] outcomes = ["Approve", "Reject", "OnSiteOffice", "Custom"];
        Assert.Equal(["同意", "驳回", "领导现场办公", "Custom"],
            outcomes.Select(o => card.Find($"[data-testid=approval-decide-{o}]").TextContent.Trim()));
        Assert.Empty(card.FindAll("[data-testid=approval-decide-Extend]"));
        Assert.Empty(card.FindComponents<MudDatePicker>());
        Assert.Empty(card.FindComponents<MudSelect<string>>());
    }

    [Fact]
    public async Task Approving_sends_the_comment_and_raises_decided()
    {
        await using var bunit = NewContext();
        ApprovalDecision? decided = null;
        var model = Card();
        var card = Render(bunit, model, decided: d => decided = d);

        card.Find("[data-testid=approval-comment]").Change("Go ahead");
        await card.Find("[data-testid=approval-decide-Approve]").ClickAsync(new());

        var decision = Assert.Single(_submitted);
        Assert.Equal(new ApprovalDecision(model.Approval.Id, "Approve", "Go ahead", null, null), decision);
        Assert.Equal(decision, decided);
    }

    [Fact]
    public async Task Extend_without_a_new_due_date_asks_for_it_and_sends_nothing()
    {
        await using var bunit = NewContext();
        var card = Render(bunit, Card());

        await card.Find("[data-testid=approval-decide-Extend]").ClickAsync(new());

        Assert.Empty(_submitted);
        Assert.Contains("Choose the new due date.", card.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extend_is_due_at_the_end_of_the_chosen_working_day_in_the_district()
    {
        await using var bunit = NewContext();
        var card = Render(bunit, Card());

        var picker = card.FindComponent<MudDatePicker>();
        await card.InvokeAsync(() => picker.Instance.DateChanged.InvokeAsync(new DateTime(2025, 10, 14)));
        await card.Find("[data-testid=approval-decide-Extend]").ClickAsync(new());

        var decision = Assert.Single(_submitted);
        Assert.Equal(("Extend", new DateTimeOffset(2025, 10, 14, 10, 0, 0, TimeSpan.Zero)), (decision.Outcome, decision.NewDue));
    }

    [Fact]
    public async Task Extend_to_a_day_already_over_is_refused_inline()
    {
        await using var bunit = NewContext();
        var card = Render(bunit, Card());

        var picker = card.FindComponent<MudDatePicker>();
        await card.InvokeAsync(() => picker.Instance.DateChanged.InvokeAsync(new DateTime(2025, 10, 8)));
        await card.Find("[data-testid=approval-decide-Extend]").ClickAsync(new());

        Assert.Empty(_submitted);
        Assert.Contains("The new due date must be in the future.", card.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reassign_without_a_person_asks_for_one_and_with_one_sends_the_user_name()
    {
        await using var bunit = NewContext();
        var card = Render(bunit, Card());

        await card.Find("[data-testid=approval-decide-Reassign]").ClickAsync(new());
        Assert.Empty(_submitted);
        Assert.Contains("Choose whom to reassign the task to.", card.Markup, StringComparison.Ordinal);

        var select = card.FindComponent<MudSelect<string>>();
        await card.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("squad2"));
        await card.Find("[data-testid=approval-decide-Reassign]").ClickAsync(new());

        Assert.Equal(("Reassign", "squad2"), (Assert.Single(_submitted).Outcome, _submitted[0].ReassignTo));
        Assert.DoesNotContain("Choose whom to reassign the task to.", card.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_by_the_engine_is_shown_in_the_card_not_thrown()
    {
        await using var bunit = NewContext();
        var raised = false;
        var card = Render(bunit, Card(), _ => Task.FromResult(OperationResult<Guid>.Conflict(Failure.ApprovalAlreadyVoted())), _ => raised = true);

        await card.Find("[data-testid=approval-decide-Approve]").ClickAsync(new());

        Assert.False(raised);
        Assert.Equal("This approval is already decided, or you have already voted.", card.Find("[data-testid=approval-error]").TextContent.Trim());
    }

    [Fact]
    public async Task An_unknown_user_named_by_the_engine_is_shown_beside_the_picker()
    {
        await using var bunit = NewContext();
        var card = Render(bunit, Card(), _ => Task.FromResult(OperationResult<Guid>.Invalid("reassignTo", Failure.NoUser("gone"))));

        var select = card.FindComponent<MudSelect<string>>();
        await card.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("gone"));
        await card.Find("[data-testid=approval-decide-Reassign]").ClickAsync(new());

        Assert.Contains("There is no such user.", card.Markup, StringComparison.Ordinal);
        Assert.Empty(card.FindAll("[data-testid=approval-error]"));
    }

    [Fact]
    public async Task A_decided_card_shows_the_outcome_and_no_buttons()
    {
        await using var bunit = NewContext();
        var model = Card();
        model = model with { Approval = model.Approval with { Status = "decided", Outcome = "Extend", DecidedAt = Now } };

        var card = bunit.Render<ApprovalCard>(p => p.Add(c => c.Card, model).Add(c => c.TimeZone, Shanghai));

        Assert.Equal("Extend (2025-10-09 10:00)", card.Find(".approval-outcome").TextContent);
        Assert.Empty(card.FindAll("[data-testid^=approval-decide-]"));
    }

    [Fact]
    public async Task Notes_passed_in_replace_the_journal_comments()
    {
        await using var bunit = NewContext();

        var card = bunit.Render<ApprovalCard>(p => p.Add(c => c.Card, Card()).Add(c => c.Notes, [new ApprovalNote("squad2", Now, "Land survey booked")]));

        var notes = card.Find("[data-testid=approval-notes]").TextContent;
        Assert.Contains("Land survey booked", notes, StringComparison.Ordinal);
        Assert.DoesNotContain("environmental assessment", notes, StringComparison.Ordinal);
    }

    [Fact]
    public void Working_days_overdue_skip_weekends_and_holidays_and_count_adjusted_working_days()
    {
        // National Day 2025: 1–8 October off, Sunday 28 September and Saturday 11 October worked.
        var calendar = new WorkingCalendar("cn", "China", [
            new CalendarDay(new DateOnly(2025, 9, 28), false, "adjusted"),
            .. Enumerable.Range(1, 8).Select(d => new CalendarDay(new DateOnly(2025, 10, d), true, "National Day")),
            new CalendarDay(new DateOnly(2025, 10, 11), false, "adjusted"),
        ], [2025], Shanghai, new TimeOnly(18, 0));
        var friday = new DateTimeOffset(2025, 9, 26, 10, 0, 0, TimeSpan.Zero);

        // Sunday 28 (worked), Monday 29, Tuesday 30, then Thursday 9 October: 4, though 13 calendar days passed.
        Assert.Equal(4, ApprovalInbox.WorkingDaysOverdue(calendar, friday, Now));
        Assert.Equal(0, ApprovalInbox.WorkingDaysOverdue(calendar, friday, friday.AddHours(3)));
        Assert.Equal(0, ApprovalInbox.WorkingDaysOverdue(calendar, Now.AddDays(1), Now));
        Assert.Null(ApprovalInbox.WorkingDaysOverdue(calendar, null, Now));
        // Saturday 11 October is worked: Friday 10 and Saturday 11 count, Sunday 12 does not.
        Assert.Equal(6, ApprovalInbox.WorkingDaysOverdue(calendar, friday, new DateTimeOffset(2025, 10, 12, 2, 0, 0, TimeSpan.Zero)));
    }
}
