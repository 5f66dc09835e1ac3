using Bunit;
using Butler.Host.Api.Approvals;
using Butler.Host.Components.Approvals;
using Butler.Host.Components.Live;
using Butler.Host.Identity;
using Butler.Host.Tests.Support;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Butler.Host.Tests.Components;

/// <summary>The approvals badge and the cards' data, over approvals written straight into a real SQLite database.</summary>
public sealed class ApprovalsNavBadgeTests(SqliteApp app) : IClassFixture<SqliteApp>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 5, 2, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Now);

    // A role of this test alone, so approvals of other tests sharing the database never count.
    private readonly string _role = $"team:{Guid.NewGuid():D}";

    private AsyncServiceScope _scope;

    private IDbContextFactory<ButlerDbContext> Databases => app.Services.GetRequiredService<IDbContextFactory<ButlerDbContext>>();

    private Actor Leader => new("leader-" + _role[5..13], ["Leader", _role]);

    public Task InitializeAsync()
    {
        _scope = app.Services.CreateAsyncScope();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _scope.DisposeAsync();

    private ApprovalInbox Inbox() => new(Databases, app.Services.GetRequiredService<ProjectReadModel>(),
        _scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>(), _time);

    private BunitContext NewContext()
    {
        var context = MudTestContext.New();
        context.Services.AddSingleton<TimeProvider>(_time);
        context.Services.AddSingleton(Options.Create(new LiveRefreshOptions { LiveRefreshSeconds = 2 }));
        context.Services.AddSingleton(Inbox());
        var auth = context.AddAuthorization();
        auth.SetAuthorized(Leader.UserName);
        auth.SetClaims([.. Leader.Roles.Select(r => new System.Security.Claims.Claim("role", r))]);
        context.SetRendererInfo(new RendererInfo("Server", true));
        return context;
    }

    /// <summary>An escalated task of a run, and the approval it opened for <see cref="_role"/>; returns the approval's id.</summary>
    private async Task<Guid> SeedEscalationAsync(string title, DateTimeOffset due, ApprovalStatus status = ApprovalStatus.Pending, string? comment = null)
    {
        await using var db = await Databases.CreateDbContextAsync();
        var instance = new WorkflowInstance { Id = Guid.NewGuid(), DefinitionId = "test", Version = 1, Status = WorkflowStatus.Running, CreatedAt = Now, UpdatedAt = Now, JournalCount = 1 };
        var task = new WorkItem { Id = Guid.NewGuid(), InstanceId = instance.Id, ActivityId = "permit", Title = title, AssigneeUser = "squad", DueAt = due, Status = WorkItemStatus.Open, CreatedAt = Now.AddDays(-10), EscalationLevel = 1 };
        var approval = new Approval
        {
            Id = Guid.NewGuid(),
            InstanceId = instance.Id,
            ActivityId = "permit",
            EscalatedTaskId = task.Id,
            EscalationStep = 0,
            Title = title,
            OutcomesJson = "[\"Approve\",\"Extend\"]",
            ApproversJson = $"[{{\"role\":\"{_role}\"}}]",
            Status = status,
            CreatedAt = Now.AddHours(-1),
        };
        db.AddRange(instance, task, approval);
        if (comment is not null)
        {
            db.Journal.Add(new JournalEntry { Id = Guid.NewGuid(), InstanceId = instance.Id, Sequence = 1, At = Now.AddDays(-2), Kind = JournalKind.TaskCompleted, ActivityId = "permit", Actor = "squad", Comment = comment });
        }
        await db.SaveChangesAsync();
        return approval.Id;
    }

    [Fact]
    public async Task The_badge_counts_the_approvals_waiting_for_me_and_follows_the_database()
    {
        await SeedEscalationAsync("one", Now.AddDays(-3));
        await SeedEscalationAsync("decided", Now.AddDays(-3), ApprovalStatus.Decided);
        await using var bunit = NewContext();

        var badge = bunit.Render<ApprovalsNavBadge>();
        Assert.Equal("1", badge.Find("[data-testid=nav-approvals-badge]").TextContent);

        await SeedEscalationAsync("two", Now.AddDays(-1));
        _time.Advance(TimeSpan.FromSeconds(2));

        badge.WaitForAssertion(() => Assert.Equal("2", badge.Find("[data-testid=nav-approvals-badge]").TextContent));
        Assert.Equal("2 pending", badge.Find("[data-testid=nav-approvals-badge]").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task No_pending_approval_shows_no_badge()
    {
        await using var bunit = NewContext();

        var badge = bunit.Render<ApprovalsNavBadge>();

        Assert.Empty(badge.FindAll("[data-testid=nav-approvals-badge]"));
    }

    [Fact]
    public async Task Cards_carry_the_working_days_overdue_and_the_comments_on_the_task()
    {
        // Due Monday 2 March 2026 at 18:00 in Shanghai; read Thursday 5 March at 10:00: Tuesday to Thursday are 3 working days.
        var due = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
        var id = await SeedEscalationAsync("late permit", due, comment: "Waiting for the land survey");

        var (cards, total) = await Inbox().CardsAsync(Leader, ApprovalInbox.Pending);

        Assert.Equal(1, total);
        var card = Assert.Single(cards);
        Assert.Equal((id, 3, "squad"), (card.Approval.Id, card.WorkingDaysOverdue, card.Assignee));
        Assert.Equal("Waiting for the land survey", Assert.Single(card.Notes).Text);
        Assert.DoesNotContain((await Inbox().CardsAsync(new Actor("squad", ["Squad"]), ApprovalInbox.Pending)).Cards, c => c.Approval.Id == id);
    }

    [Fact]
    public async Task Cards_carry_the_squads_notes_on_the_escalated_task_in_time_order()
    {
        var id = await SeedEscalationAsync("late survey", Now.AddDays(-2), comment: "Asked the bureau twice");
        await using (var db = await Databases.CreateDbContextAsync())
        {
            var taskId = (await db.Approvals.SingleAsync(a => a.Id == id)).EscalatedTaskId!.Value;
            db.TaskNotes.Add(new TaskNote { Id = Guid.NewGuid(), WorkItemId = taskId, Author = "squad2", Text = "Survey booked for Friday", At = Now.AddDays(-1) });
            db.TaskNotes.Add(new TaskNote { Id = Guid.NewGuid(), WorkItemId = taskId, Author = "squad", Text = "Surveyor called in sick", At = Now.AddDays(-3) });
            await db.SaveChangesAsync();
        }

        var card = Assert.Single((await Inbox().CardsAsync(Leader, ApprovalInbox.Pending)).Cards, c => c.Approval.Id == id);

        Assert.Equal(["Surveyor called in sick", "Asked the bureau twice", "Survey booked for Friday"], card.Notes.Select(n => n.Text));
        Assert.Equal("squad2", card.Notes[^1].Author);
    }
}
