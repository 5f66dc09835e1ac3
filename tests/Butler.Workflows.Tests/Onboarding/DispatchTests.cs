using System.Text.Json.Nodes;
using Butler.TestSupport;
using Butler.Workflows.Notifications;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Butler.Workflows.Scheduling;
using Butler.Workflows.Tests.Deadlines;
using Butler.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xunit;
using static Butler.Workflows.Tests.Deadlines.DeadlineHarness;

namespace Butler.Workflows.Tests.Onboarding;

/// <summary>
/// The weekly dispatch on a fake clock and the shipped definitions: two leaders each with a project created on Friday
/// 2026-09-18 15:00 (Beijing), a land problem of the first leader's project escalated to them, then Monday 09:00 of the
/// week after the Mid-Autumn holiday (2026-09-28). Each leader's agenda holds their red and yellow items, open problems
/// and decisions due, and nobody else's; a week runs once however often it is asked; decisions become tasks.
/// </summary>
public abstract class DispatchContract : IAsyncLifetime
{
    private static readonly Actor LeaderLi = DeadlineHarness.Leader;
    /// <summary>Monday 2026-09-28 09:00 +08:00, when the default cron fires.</summary>
    private static readonly DateTimeOffset Monday = At(9, 28, 9);
    private static readonly DateOnly Week = new(2026, 9, 28);

    private DeadlineHarness _h = null!;
    private Guid _leaderId;
    private Guid _deputyId;
    private Guid _projectA;
    private Guid _projectB;
    private Guid _problem;

    protected abstract DatabaseProvider Provider { get; }

    public async Task InitializeAsync()
    {
        _h = await DeadlineHarness.CreateAsync(Provider);
        await _h.Flow.Database.Get<ShippedDefinitions>().EnsurePublishedAsync();
        Guid squadId;
        await using (var db = _h.Flow.Database.CreateDbContext())
        {
            db.IndustryChains.Add(new IndustryChain { Code = "health-food", NameZh = "健康食品", NameEn = "Health food" });
            var leader = new Leader { Id = Guid.NewGuid(), UserName = "leader", Name = "李区长", Chains = ["health-food"], CreatedAt = _h.Now };
            var deputy = new Leader { Id = Guid.NewGuid(), UserName = "deputy", Name = "王副区长", Chains = ["health-food"], CreatedAt = _h.Now };
            var squad = new Team { Id = Guid.NewGuid(), Name = "健康食品服务专班", Kind = TeamKind.ServiceSquad, LeadUserName = "squad", CreatedAt = _h.Now };
            squad.Members.Add(new TeamMember { TeamId = squad.Id, UserName = "squad" });
            db.Leaders.AddRange(leader, deputy);
            db.Teams.Add(squad);
            await db.SaveChangesAsync();
            (_leaderId, _deputyId, squadId) = (leader.Id, deputy.Id, squad.Id);
        }
        var projects = _h.Flow.Database.Get<ProjectService>();
        _projectA = await CreateProjectAsync(projects, "年产五万吨健康食品项目", "双汇 <Foods> & Co", _leaderId, squadId);
        _projectB = await CreateProjectAsync(projects, "益生菌饮品项目", "卫龙食品", _deputyId, squadId);
        // Given in UTC: RaiseProblemAsync stores the due time with the offset it is given, which PostgreSQL refuses.
        var raised = await projects.RaiseProblemAsync(_projectA,
            new ProblemInput("land", "用地指标未落实", null, "squad", At(9, 22, 12).ToUniversalTime()), Squad);
        Assert.True(raised.IsOk, WorkflowHarness.Describe(raised));
        _problem = raised.Value;
        // The problem runs past its agreed date and escalates: the responsible leader has an approval waiting.
        await using (var db = _h.Flow.Database.CreateDbContext())
        {
            var instance = (await db.Problems.AsNoTracking().SingleAsync(p => p.Id == _problem)).InstanceId!.Value;
            await _h.FireWhenDueAsync(await _h.PendingTimerAsync(instance, TimerKind.Escalation));
        }
        _h.MoveTo(Monday);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private DispatchService Dispatch => _h.Flow.Database.Get<DispatchService>();

    private static async Task<Guid> CreateProjectAsync(ProjectService projects, string name, string company, Guid leaderId, Guid squadId)
    {
        var created = await projects.CreateAsync(new ProjectInput(name, company, "health-food", 150_000_000m,
            new DateOnly(2026, 9, 18), leaderId, squadId, "2026-12"), Admin);
        Assert.True(created.IsOk, WorkflowHarness.Describe(created));
        return created.Value;
    }

    private async Task<List<Dispatch>> DispatchesAsync()
    {
        await using var db = _h.Flow.Database.CreateDbContext();
        return await db.Dispatches.AsNoTracking().ToListAsync();
    }

    private async Task<DispatchAgenda> AgendaOfAsync(Guid leaderId) =>
        DispatchAgenda.FromJson(Assert.Single(await DispatchesAsync(), d => d.LeaderId == leaderId).AgendaJson)!;

    private async Task<List<OutboxMessage>> AgendaMailAsync() =>
        [.. (await _h.OutboxAsync()).Where(m => m.DedupKey.StartsWith("dispatch:", StringComparison.Ordinal))];

    private async Task<List<Notification>> AgendaNotificationsAsync()
    {
        await using var db = _h.Flow.Database.CreateDbContext();
        return await db.Notifications.AsNoTracking().Where(n => n.Kind == DispatchMail.NotificationKind).ToListAsync();
    }

    private async Task<List<DateOnly>> RunWeeksAsync()
    {
        await using var db = _h.Flow.Database.CreateDbContext();
        return [.. (await db.DispatchRuns.AsNoTracking().Select(r => r.WeekOf).ToListAsync()).Order()];
    }

    [Fact]
    public async Task Each_leaders_agenda_holds_their_red_and_yellow_items_open_problems_and_decisions_due_and_nobody_elses()
    {
        var result = await Dispatch.RunDueAsync();

        Assert.NotNull(result);
        Assert.Equal(new DispatchRunResult(Week, true, 2, 2, _h.Now), result);
        var agenda = await AgendaOfAsync(_leaderId);
        Assert.Contains("\"name\":\"李区长\"", (await DispatchesAsync()).Single(d => d.LeaderId == _leaderId).AgendaJson, StringComparison.Ordinal);
        Assert.Equal(Week, agenda.WeekOf);
        Assert.Equal("leader", agenda.Leader.UserName);
        var project = Assert.Single(agenda.Projects);
        Assert.Equal((_projectA, "red", "permits", "health-food"), (project.Id, project.Light, project.Stage, project.Chain));
        Assert.Equal($"project:{_projectA:D}", project.Item);
        Assert.All(agenda.Items, i => Assert.Equal(_projectA, i.ProjectId));
        // Policy briefing was due Monday 21st 18:00: 22nd, 23rd, 24th and 28th are four working days late (25th–27th off).
        var briefing = Assert.Single(agenda.Items, i => i.Code == "taskOverdue" && i.Subject.ZhCn.StartsWith("政策解读", StringComparison.Ordinal));
        Assert.Equal(("red", 4), (briefing.Light, briefing.WorkingDaysLate));
        var food = Assert.Single(agenda.Items, i => i.Subject.ZhCn.StartsWith("代办食品生产许可证", StringComparison.Ordinal));
        Assert.Equal(("yellow", 3), (food.Light, food.WorkingDaysLate));
        Assert.Equal("red", agenda.Items[0].Light);
        Assert.Contains(agenda.Items, i => i.Code == "problemOverdue");

        var problem = Assert.Single(agenda.Problems);
        Assert.Equal((_problem, "land", "用地指标未落实", "squad", 3), (problem.Id, problem.Kind, problem.Title, problem.Owner, problem.WorkingDaysLate));
        Assert.Equal(At(9, 22, 12), problem.DueAt);
        Assert.Equal(TimeSpan.FromHours(8), problem.DueAt.Offset);

        var decision = Assert.Single(agenda.DecisionsDue);
        Assert.Equal(("approval", _projectA), (decision.Kind, decision.ProjectId));
        Assert.StartsWith("approval:", decision.Item, StringComparison.Ordinal);

        var deputy = await AgendaOfAsync(_deputyId);
        Assert.Equal([_projectB], deputy.Projects.Select(p => p.Id));
        Assert.All(deputy.Items, i => Assert.Equal(_projectB, i.ProjectId));
        Assert.Empty(deputy.Problems);
        Assert.Empty(deputy.DecisionsDue);
    }

    [Fact]
    public async Task The_agenda_goes_to_each_leader_in_their_language_escaped_in_html_with_an_in_app_notification()
    {
        await Dispatch.RunDueAsync();

        var mail = await AgendaMailAsync();
        Assert.Equal(["deputy@example.test", "leader@example.test"], mail.Select(m => m.Recipient).Order(StringComparer.Ordinal));
        var english = mail.Single(m => m.Recipient == "leader@example.test");
        Assert.Equal("Weekly dispatch agenda: 李区长, week of 2026-09-28", english.Subject);
        Assert.Contains("双汇 &lt;Foods&gt; &amp; Co", english.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<Foods>", english.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("双汇 <Foods> & Co", english.TextBody, StringComparison.Ordinal);
        Assert.Contains("Land", english.TextBody, StringComparison.Ordinal);
        Assert.Contains("用地指标未落实", english.TextBody, StringComparison.Ordinal);
        var chinese = mail.Single(m => m.Recipient == "deputy@example.test");
        Assert.Equal("周例会调度议程：王副区长（2026-09-28 当周）", chinese.Subject);
        Assert.Contains("红灯", chinese.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("健康食品", chinese.TextBody, StringComparison.Ordinal);
        Assert.Equal($"dispatch:{_leaderId:D}:2026-09-28:leader:mail", english.DedupKey);

        var notifications = await AgendaNotificationsAsync();
        Assert.Equal(["deputy", "leader"], notifications.Select(n => n.UserName).Order(StringComparer.Ordinal));
        var dispatchId = (await DispatchesAsync()).Single(d => d.LeaderId == _leaderId).Id;
        Assert.Equal($"/api/dispatches/{dispatchId:D}", notifications.Single(n => n.UserName == "leader").Link);
    }

    [Fact]
    public async Task A_second_run_of_the_same_week_sends_nothing_more()
    {
        await Dispatch.RunDueAsync();
        _h.MoveTo(Monday.AddHours(3));

        var again = await Dispatch.RunDueAsync();
        var direct = await Dispatch.RunWeekAsync(Week);
        var job = new DispatchJobs(Dispatch);
        await job.RunDueAsync(CancellationToken.None);

        Assert.False(again!.Ran);
        Assert.False(direct.Ran);
        Assert.Equal((2, Monday), (direct.Agendas, direct.RanAt));
        Assert.Equal(2, (await DispatchesAsync()).Count);
        Assert.Equal(2, (await AgendaMailAsync()).Count);
        Assert.Equal(2, (await AgendaNotificationsAsync()).Count);
        Assert.Equal([Week], await RunWeeksAsync());
    }

    [Fact]
    public async Task A_server_down_for_three_mondays_runs_only_the_latest_week_once_on_restart()
    {
        await Dispatch.RunDueAsync();

        // Down from Tuesday the 29th; Mondays 5, 12 and 19 October pass without a run. Back on Tuesday the 20th.
        _h.MoveTo(At(10, 20, 10));
        var restart = await Dispatch.RunDueAsync();
        var hangfireCatchUp = await Dispatch.RunDueAsync();

        Assert.Equal((new DateOnly(2026, 10, 19), true, 2), (restart!.WeekOf, restart.Ran, restart.Agendas));
        Assert.False(hangfireCatchUp!.Ran);
        Assert.Equal([Week, new DateOnly(2026, 10, 19)], await RunWeeksAsync());
        Assert.Equal([Week, Week, new DateOnly(2026, 10, 19), new DateOnly(2026, 10, 19)],
            (await DispatchesAsync()).Select(d => d.WeekOf).Order());
        Assert.Equal(4, (await AgendaMailAsync()).Count);
    }

    [Fact]
    public async Task Before_the_cron_fires_on_monday_the_latest_week_is_the_one_before()
    {
        _h.MoveTo(At(10, 12, 8, 55));

        var early = await Dispatch.RunDueAsync();

        Assert.Equal(new DateOnly(2026, 10, 5), early!.WeekOf);
    }

    [Fact]
    public async Task Two_hosts_running_the_same_week_at_once_store_and_send_each_agenda_once()
    {
        await using var other = _h.Flow.Database.CreateAnotherHost(_h.Flow.Time,
            services => services.Replace(ServiceDescriptor.Singleton<IUserDirectory, TestUserDirectory>()));
        var second = other.GetRequiredService<DispatchService>();

        var results = await Task.WhenAll(Dispatch.RunWeekAsync(Week), second.RunWeekAsync(Week));

        Assert.Equal(2, results.Sum(r => r.Sent));
        Assert.Equal(2, (await DispatchesAsync()).Count);
        Assert.Equal(2, (await AgendaMailAsync()).Count);
        Assert.Equal(2, (await AgendaNotificationsAsync()).Count);
        Assert.Equal([Week], await RunWeeksAsync());
    }

    [Fact]
    public async Task A_decision_on_a_problem_becomes_a_task_for_the_assignee_due_when_agreed_with_a_ledger_line()
    {
        await Dispatch.RunDueAsync();
        var dispatch = (await DispatchesAsync()).Single(d => d.LeaderId == _leaderId);
        var due = At(10, 9, 18);

        var recorded = await Dispatch.RecordDecisionAsync(dispatch.Id,
            new DecisionInput($"problem:{_problem:D}", "协调自然资源局本周内落实用地指标\n并报区政府", "SQUAD", due), LeaderLi);

        Assert.True(recorded.IsOk, WorkflowHarness.Describe(recorded));
        var decision = recorded.Value!;
        Assert.Equal(("squad", due, "leader"), (decision.Assignee, decision.DueAt, decision.RecordedBy));
        var instance = await _h.Flow.InstanceAsync(decision.InstanceId!.Value);
        Assert.Equal((DispatchService.ActionDefinitionId, ProjectService.Correlation(_projectA)), (instance.DefinitionId, instance.CorrelationId));
        var task = await _h.Flow.OpenTaskAsync(instance.Id, "carryOut");
        Assert.Equal(("squad", due), (task.AssigneeUser, task.DueAt));
        Assert.Contains("协调自然资源局本周内落实用地指标", task.Title.ZhCn, StringComparison.Ordinal);
        Assert.DoesNotContain("报区政府", task.Title.ZhCn, StringComparison.Ordinal);
        var timers = await _h.PendingTimersAsync(instance.Id);
        Assert.Contains(timers, t => t.Kind == TimerKind.Reminder && t.DueAt == At(10, 8, 18));
        Assert.Contains(timers, t => t.Kind == TimerKind.Escalation && t.DueAt == due);
        await using (var db = _h.Flow.Database.CreateDbContext())
        {
            var line = await db.Ledger.AsNoTracking().SingleAsync(l => l.ProjectId == _projectA && l.Kind == LedgerKind.Dispatch);
            Assert.Equal("leader", line.Actor);
            Assert.Contains(decision.Id.ToString("D"), line.DataJson, StringComparison.Ordinal);
        }

        // Left open past its due, the task escalates to the responsible leader with an approval.
        await _h.FireWhenDueAsync(await _h.PendingTimerAsync(instance.Id, TimerKind.Escalation));
        var approval = Assert.Single(await _h.ApprovalsAsync(instance.Id));
        Assert.Equal(task.Id, approval.EscalatedTaskId);
        Assert.True(approval.IsApprover(LeaderLi));
        Assert.Contains("leader", await _h.NotifiedAsync(instance.Id, NotificationKind.Escalation));

        // Done, the run ends.
        Assert.True((await _h.Flow.CompleteAsync(task, values: new JsonObject { ["result"] = "指标已落实" }, actor: Squad)).IsOk);
        Assert.Equal(WorkflowStatus.Completed, (await _h.Flow.InstanceAsync(instance.Id)).Status);
    }

    [Fact]
    public async Task A_general_decision_of_an_administrator_becomes_a_task_without_a_ledger_line()
    {
        await Dispatch.RunDueAsync();
        var dispatch = (await DispatchesAsync()).Single(d => d.LeaderId == _deputyId);

        var recorded = await Dispatch.RecordDecisionAsync(dispatch.Id, new DecisionInput("general", "下周组织专班集中办公", "squad", At(10, 9, 18)), Admin);

        Assert.True(recorded.IsOk, WorkflowHarness.Describe(recorded));
        var instance = await _h.Flow.InstanceAsync(recorded.Value!.InstanceId!.Value);
        Assert.Equal($"dispatch:{dispatch.Id:D}", instance.CorrelationId);
        Assert.Equal("squad", (await _h.Flow.OpenTaskAsync(instance.Id, "carryOut")).AssigneeUser);
        await using var db = _h.Flow.Database.CreateDbContext();
        Assert.False(await db.Ledger.AnyAsync(l => l.Kind == LedgerKind.Dispatch));
    }

    [Fact]
    public async Task A_decision_is_refused_for_another_leader_a_foreign_item_an_unknown_assignee_and_a_past_due()
    {
        await Dispatch.RunDueAsync();
        var dispatch = (await DispatchesAsync()).Single(d => d.LeaderId == _leaderId);
        var valid = new DecisionInput($"project:{_projectA:D}", "加快环评", "squad", At(10, 9, 18));

        Assert.Equal(OperationStatus.NotFound, (await Dispatch.RecordDecisionAsync(Guid.NewGuid(), valid, LeaderLi)).Status);
        Assert.Equal(OperationStatus.Forbidden, (await Dispatch.RecordDecisionAsync(dispatch.Id, valid, Deputy)).Status);
        var invalid = await Dispatch.RecordDecisionAsync(dispatch.Id,
            new DecisionInput($"project:{_projectB:D}", " ", "nobody", _h.Now.AddMinutes(-1)), LeaderLi);
        Assert.Equal(OperationStatus.Invalid, invalid.Status);
        Assert.Equal(["assignee", "dueAt", "item", "text"], invalid.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("nobody", invalid.Errors["assignee"][0], StringComparison.Ordinal);

        await using var db = _h.Flow.Database.CreateDbContext();
        Assert.Equal(0, await db.DispatchDecisions.CountAsync());
        Assert.False(await db.Instances.AnyAsync(i => i.DefinitionId == DispatchService.ActionDefinitionId));
    }
}

public sealed class SqliteDispatchTests : DispatchContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Collection(PostgresFixture.Collection)]
[Trait("Category", "Postgres")]
public sealed class PostgresDispatchTests : DispatchContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

/// <summary>Weeks and the cron are read in the deployment's time zone, not in UTC.</summary>
public sealed class DispatchScheduleTests
{
    private static readonly TimeZoneInfo Beijing = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public void A_week_begins_on_monday_in_the_deployments_time_zone()
    {
        // Sunday 17:00 UTC is Monday 01:00 in Beijing.
        Assert.Equal(new DateOnly(2026, 9, 28), DispatchSchedule.WeekOf(new DateTimeOffset(2026, 9, 27, 17, 0, 0, TimeSpan.Zero), Beijing));
        Assert.Equal(new DateOnly(2026, 9, 21), DispatchSchedule.WeekOf(new DateTimeOffset(2026, 9, 27, 15, 59, 0, TimeSpan.Zero), Beijing));
        Assert.Equal(new DateOnly(2026, 9, 28), DispatchSchedule.WeekOf(new DateOnly(2026, 10, 4)));
    }

    [Fact]
    public void The_latest_occurrence_of_the_default_cron_is_monday_nine_in_beijing()
    {
        var justBefore = DispatchSchedule.LatestOccurrence(DispatchOptions.DefaultCron, new DateTimeOffset(2026, 9, 28, 0, 59, 0, TimeSpan.Zero), Beijing);
        var at = DispatchSchedule.LatestOccurrence(DispatchOptions.DefaultCron, new DateTimeOffset(2026, 9, 28, 1, 0, 0, TimeSpan.Zero), Beijing);

        Assert.Equal(new DateTimeOffset(2026, 9, 21, 9, 0, 0, TimeSpan.FromHours(8)), justBefore);
        Assert.Equal(new DateTimeOffset(2026, 9, 28, 9, 0, 0, TimeSpan.FromHours(8)), at);
    }

    [Theory]
    [InlineData("0 9 * * 1", true)]
    [InlineData("0 0 9 * * MON", true)]
    [InlineData("every monday", false)]
    [InlineData("", false)]
    public void Cron_expressions_parse_as_hangfire_reads_them(string cron, bool valid) =>
        Assert.Equal(valid, DispatchSchedule.TryParse(cron, out _));
}
