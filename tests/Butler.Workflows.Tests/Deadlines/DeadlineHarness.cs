using Butler.Workflows.Calendar;
using Butler.Workflows.Notifications;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Butler.Workflows.Scheduling;
using Butler.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xunit;

namespace Butler.Workflows.Tests.Deadlines;

/// <summary>
/// The workflow harness for deadline scenarios: the clock on Friday 2026-09-18 15:00 in Beijing, the shipped <c>cn</c>
/// calendar seeded (so 3wd counts the real holidays and adjusted working days), a small user directory, and short ways
/// to look at timers, approvals, notifications and mail.
/// </summary>
public sealed class DeadlineHarness : IAsyncDisposable
{
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>Friday 2026-09-18 15:00 +08:00; Sunday the 20th is an adjusted working day, the 25th–27th are off.</summary>
    public static readonly DateTimeOffset FridayAfternoon = At(9, 18, 15);

    public static readonly Actor Leader = new("leader", ["Leader"]);
    public static readonly Actor Deputy = new("deputy", ["Leader"]);
    public static readonly Actor Squad = new("squad", ["Squad"]);
    public static readonly Actor Admin = new("admin", ["Admin"]);

    private DeadlineHarness(WorkflowHarness flow) => Flow = flow;

    public WorkflowHarness Flow { get; }
    public WorkflowRunner Runner => Flow.Runner;

    /// <summary>A Beijing wall-clock time in 2026.</summary>
    public static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, Beijing);

    public static async Task<DeadlineHarness> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var flow = await WorkflowHarness.CreateAsync(provider,
            services => services.Replace(ServiceDescriptor.Singleton<IUserDirectory, TestUserDirectory>()));
        try
        {
            flow.Time.SetUtcNow(FridayAfternoon.ToUniversalTime());
            await flow.Database.Get<CalendarService>().EnsureSeededAsync();
            return new DeadlineHarness(flow);
        }
        catch
        {
            await flow.DisposeAsync();
            throw;
        }
    }

    public DateTimeOffset Now => Flow.Time.GetUtcNow();

    /// <summary>A second engine on the same database and clock, as another host would have, whose saves pass through <paramref name="gate"/>.</summary>
    public ServiceProvider CreateGatedHost(RaceGate gate) => Flow.Database.CreateAnotherHost(Flow.Time, services =>
    {
        services.Replace(ServiceDescriptor.Singleton<IUserDirectory, TestUserDirectory>());
        services.Replace(ServiceDescriptor.Singleton(RaceGate.Factory(Flow.Database.Provider, Flow.Database.ConnectionString, gate)));
    });

    /// <summary>Moves the clock forward to a point in time.</summary>
    public void MoveTo(DateTimeOffset at) => Flow.Time.SetUtcNow(at.ToUniversalTime());

    /// <summary>Fires a timer as its Hangfire job would and insists that the call itself worked.</summary>
    public async Task<TimerFireResult> FireAsync(DurableTimer timer)
    {
        var result = await Runner.FireTimerAsync(timer.Id);
        Assert.True(result.IsOk, WorkflowHarness.Describe(result));
        return result.Value;
    }

    /// <summary>Moves the clock to the timer's due time and fires it.</summary>
    public Task<TimerFireResult> FireWhenDueAsync(DurableTimer timer)
    {
        if (Now < timer.DueAt)
        {
            MoveTo(timer.DueAt);
        }
        return FireAsync(timer);
    }

    public async Task<List<DurableTimer>> TimersAsync(Guid instanceId)
    {
        await using var db = Flow.Database.CreateDbContext();
        var timers = await db.Timers.AsNoTracking().Where(t => t.InstanceId == instanceId).ToListAsync();
        return [.. timers.OrderBy(t => t.CreatedAt).ThenBy(t => t.Kind).ThenBy(t => t.Step).ThenBy(t => t.Id)];
    }

    public async Task<List<DurableTimer>> PendingTimersAsync(Guid instanceId) =>
        [.. (await TimersAsync(instanceId)).Where(t => t.Status == TimerStatus.Pending)];

    public async Task<DurableTimer> PendingTimerAsync(Guid instanceId, TimerKind kind, int step = 0) =>
        Assert.Single(await PendingTimersAsync(instanceId), t => t.Kind == kind && t.Step == step);

    public async Task<WorkItem> TaskAsync(Guid taskId)
    {
        await using var db = Flow.Database.CreateDbContext();
        return await db.WorkItems.AsNoTracking().SingleAsync(w => w.Id == taskId);
    }

    public async Task<List<Approval>> ApprovalsAsync(Guid instanceId)
    {
        await using var db = Flow.Database.CreateDbContext();
        var approvals = await db.Approvals.AsNoTracking().Where(a => a.InstanceId == instanceId).ToListAsync();
        return [.. approvals.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)];
    }

    public async Task<Approval> ApprovalAsync(Guid approvalId)
    {
        await using var db = Flow.Database.CreateDbContext();
        return await db.Approvals.AsNoTracking().SingleAsync(a => a.Id == approvalId);
    }

    public async Task<List<ApprovalVote>> VotesAsync(Guid approvalId)
    {
        await using var db = Flow.Database.CreateDbContext();
        return await db.ApprovalVotes.AsNoTracking().Where(v => v.ApprovalId == approvalId).ToListAsync();
    }

    public async Task<List<Notification>> NotificationsAsync(Guid instanceId)
    {
        await using var db = Flow.Database.CreateDbContext();
        var notifications = await db.Notifications.AsNoTracking().Where(n => n.InstanceId == instanceId).ToListAsync();
        return [.. notifications.OrderBy(n => n.CreatedAt).ThenBy(n => n.UserName, StringComparer.Ordinal).ThenBy(n => n.Kind, StringComparer.Ordinal)];
    }

    public async Task<List<OutboxMessage>> OutboxAsync()
    {
        await using var db = Flow.Database.CreateDbContext();
        var messages = await db.Outbox.AsNoTracking().ToListAsync();
        return [.. messages.OrderBy(m => m.CreatedAt).ThenBy(m => m.Recipient, StringComparer.Ordinal)];
    }

    /// <summary>Who got an in-app notification of a kind, sorted.</summary>
    public async Task<List<string>> NotifiedAsync(Guid instanceId, NotificationKind kind) =>
        [.. (await NotificationsAsync(instanceId)).Where(n => n.Kind == kind.ToString()).Select(n => n.UserName).Order(StringComparer.Ordinal)];

    public ValueTask DisposeAsync() => Flow.DisposeAsync();
}
