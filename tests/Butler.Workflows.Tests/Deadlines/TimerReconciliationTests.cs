using Butler.Workflows.Notifications;
using Butler.Workflows.Persistence;
using Butler.Workflows.Scheduling;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace Butler.Workflows.Tests.Deadlines;

/// <summary>
/// The timer rows are the truth and Hangfire only executes them: the sweep hands lost timers to Hangfire again, and a
/// job that runs early puts itself back. Hangfire's own client on its in-memory storage records what was handed over.
/// </summary>
public sealed class TimerReconciliationTests : IAsyncLifetime, IDisposable
{
    private static readonly SchedulingOptions Settings = new();

    private readonly InMemoryStorage _storage = new();
    private DeadlineHarness _h = null!;
    private TimerJobs _jobs = null!;

    public async Task InitializeAsync()
    {
        _h = await DeadlineHarness.CreateAsync();
        _jobs = new TimerJobs(_h.Runner, _h.Flow.Database.Get<IDbContextFactory<ButlerDbContext>>(), new BackgroundJobClient(_storage),
            _h.Flow.Time, Options.Create(Settings), NullLogger<TimerJobs>.Instance);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    public void Dispose() => _storage.Dispose();

    private async Task<Guid> StartRoofRepairAsync()
    {
        await _h.Flow.PublishAsync(DeadlineFlows.RoofRepair());
        return await _h.Flow.StartAsync("roof");
    }

    /// <summary>Timer id → when Hangfire will run its job, for every scheduled job.</summary>
    private Dictionary<Guid, DateTime> Scheduled() =>
        _storage.GetMonitoringApi().ScheduledJobs(0, 100).ToDictionary(j => (Guid)j.Value.Job.Args[0], j => j.Value.EnqueueAt);

    private List<Guid> Enqueued() =>
        [.. _storage.GetMonitoringApi().EnqueuedJobs("default", 0, 100).Select(j => (Guid)j.Value.Job.Args[0])];

    [Fact]
    public async Task The_sweep_leaves_a_fresh_timer_to_the_commit_that_created_it()
    {
        var id = await StartRoofRepairAsync();

        Assert.Equal(0, await _jobs.ReconcileAsync(CancellationToken.None));

        Assert.Empty(Scheduled());
        Assert.All(await _h.TimersAsync(id), t => Assert.Null(t.JobId));
    }

    [Fact]
    public async Task The_sweep_schedules_each_pending_timer_that_never_got_a_job_at_its_due_time_once()
    {
        var id = await StartRoofRepairAsync();
        _h.MoveTo(_h.Now + Settings.UnscheduledGrace + TimeSpan.FromSeconds(1));

        Assert.Equal(4, await _jobs.ReconcileAsync(CancellationToken.None));

        var timers = await _h.TimersAsync(id);
        var scheduled = Scheduled();
        Assert.Equal(timers.Select(t => t.Id).Order(), scheduled.Keys.Order());
        Assert.All(timers, t =>
        {
            Assert.NotNull(t.JobId);
            Assert.Equal(t.DueAt.UtcDateTime, scheduled[t.Id], TimeSpan.FromSeconds(1));
        });
        Assert.Empty(Enqueued());

        Assert.Equal(0, await _jobs.ReconcileAsync(CancellationToken.None));
        Assert.Equal(4, Scheduled().Count);
    }

    [Fact]
    public async Task The_sweep_runs_an_overdue_pending_timer_at_once_even_when_it_has_a_job()
    {
        var id = await StartRoofRepairAsync();
        _h.MoveTo(_h.Now + Settings.UnscheduledGrace + TimeSpan.FromSeconds(1));
        await _jobs.ReconcileAsync(CancellationToken.None);
        var reminder = await _h.PendingTimerAsync(id, TimerKind.Reminder);

        // Hangfire lost the job: the reminder is still pending well after its due time.
        _h.MoveTo(reminder.DueAt + Settings.OverdueGrace + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await _jobs.ReconcileAsync(CancellationToken.None));

        Assert.Equal([reminder.Id], Enqueued());
        Assert.NotEqual(reminder.JobId, (await _h.PendingTimerAsync(id, TimerKind.Reminder)).JobId);
    }

    [Fact]
    public async Task The_sweep_ignores_fired_and_cancelled_timers()
    {
        var id = await StartRoofRepairAsync();
        await _h.FireWhenDueAsync(await _h.PendingTimerAsync(id, TimerKind.Reminder));
        Assert.True((await _h.Flow.CompleteAsync(await _h.Flow.OpenTaskAsync(id, "fix"), actor: DeadlineHarness.Squad)).IsOk);
        _h.MoveTo(DeadlineHarness.At(10, 30, 9));

        Assert.Equal(0, await _jobs.ReconcileAsync(CancellationToken.None));

        Assert.Empty(Scheduled());
        Assert.Empty(Enqueued());
    }

    [Fact]
    public async Task A_timer_job_that_runs_long_before_due_schedules_itself_again_for_the_due_time()
    {
        var id = await StartRoofRepairAsync();
        var reminder = await _h.PendingTimerAsync(id, TimerKind.Reminder);
        _h.MoveTo(reminder.DueAt.AddMinutes(-1));

        await _jobs.FireAsync(reminder.Id, CancellationToken.None);

        Assert.Equal(reminder.DueAt.UtcDateTime, Assert.Single(Scheduled(), j => j.Key == reminder.Id).Value, TimeSpan.FromSeconds(1));
        Assert.Equal(TimerStatus.Pending, (await _h.PendingTimerAsync(id, TimerKind.Reminder)).Status);
        Assert.Empty(await _h.NotificationsAsync(id));

        _h.MoveTo(reminder.DueAt);
        await _jobs.FireAsync(reminder.Id, CancellationToken.None);

        Assert.Equal(TestUserDirectory.SquadMembers, await _h.NotifiedAsync(id, NotificationKind.Reminder));
        Assert.Single(Scheduled());
    }

    [Fact]
    public async Task A_timer_job_that_runs_a_moment_early_waits_for_the_due_time_instead_of_making_another_job()
    {
        var id = await StartRoofRepairAsync();
        var reminder = await _h.PendingTimerAsync(id, TimerKind.Reminder);
        _h.MoveTo(reminder.DueAt - Settings.EarlyWait / 2);

        var firing = _jobs.FireAsync(reminder.Id, CancellationToken.None);
        // The job waits on the (fake) clock; the old behaviour would have scheduled a new job and returned at once.
        Assert.NotSame(firing, await Task.WhenAny(firing, Task.Delay(500)));
        Assert.Empty(Scheduled());
        Assert.Equal(TimerStatus.Pending, (await _h.PendingTimerAsync(id, TimerKind.Reminder)).Status);

        _h.MoveTo(reminder.DueAt);
        await firing.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(TestUserDirectory.SquadMembers, await _h.NotifiedAsync(id, NotificationKind.Reminder));
        Assert.Empty(Scheduled());
        Assert.Empty(Enqueued());
    }

    [Fact]
    public async Task After_a_restart_on_an_empty_storage_every_pending_timer_gets_one_job_at_its_due_time_and_overdue_ones_run_now()
    {
        var id = await StartRoofRepairAsync();
        var fired = await _h.PendingTimerAsync(id, TimerKind.Reminder);
        await _h.FireWhenDueAsync(fired);
        // The previous process had jobs for the rest; their ids mean nothing to the new, empty storage.
        var pending = await _h.PendingTimersAsync(id);
        Assert.NotEmpty(pending);
        var overdue = pending.OrderBy(t => t.DueAt).First();
        _h.MoveTo(overdue.DueAt.AddSeconds(1));

        Assert.Equal(pending.Count, await _jobs.RehydrateAsync(CancellationToken.None));

        var scheduled = Scheduled();
        Assert.Equal([overdue.Id], Enqueued());
        Assert.Equal(pending.Where(t => t.Id != overdue.Id).Select(t => t.Id).Order(), scheduled.Keys.Order());
        Assert.All(pending.Where(t => t.Id != overdue.Id), t => Assert.Equal(t.DueAt.UtcDateTime, scheduled[t.Id], TimeSpan.FromSeconds(1)));
        Assert.DoesNotContain(fired.Id, scheduled.Keys);
        Assert.All(await _h.PendingTimersAsync(id), t => Assert.NotEqual(pending.Single(p => p.Id == t.Id).JobId, t.JobId));
    }
}
