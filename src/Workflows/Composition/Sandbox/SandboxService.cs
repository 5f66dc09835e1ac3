using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Butler.Workflows.Calendar;
using Butler.Workflows.Definitions;
using Butler.Workflows.Expressions;
using Butler.Workflows.Notifications;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Butler.Workflows.Scheduling;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Butler.Workflows.Input;

namespace Butler.Workflows.Sandbox;

/// <summary>
/// Test runs of draft definitions ("sandboxes"): each is an engine of its own — its own service provider over a private
/// in-memory SQLite database brought up by the migrations, its own clock, no timer executor and no mailer — so a run
/// can be stepped through (tasks completed, approvals decided, timers fired now) without a mail leaving or a row
/// reaching the real database. The real database is only read, for the working calendars. Runs belong to the user who
/// started them; another user's run does not exist for them.
/// </summary>
public sealed partial class SandboxService : IAsyncDisposable
{

    private readonly ConcurrentDictionary<Guid, Session> _sessions = new();
    private readonly DefinitionValidator _validator;
    private readonly IUserDirectory _users;
    private readonly IDbContextFactory<ButlerDbContext> _hostDb;
    private readonly IOptions<CalendarOptions> _calendarOptions;
    private readonly IOptions<RunnerOptions> _runnerOptions;
    private readonly IOptions<ExpressionOptions> _expressionOptions;
    private readonly SandboxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger<SandboxService> _logger;
    private readonly ITimer _sweeper;

    public SandboxService(DefinitionValidator validator, IUserDirectory users, IDbContextFactory<ButlerDbContext> hostDb,
        IOptions<CalendarOptions> calendarOptions, IOptions<RunnerOptions> runnerOptions, IOptions<ExpressionOptions> expressionOptions,
        IOptions<SandboxOptions> options, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggers);
        _validator = validator;
        _users = users;
        _hostDb = hostDb;
        _calendarOptions = calendarOptions;
        _runnerOptions = runnerOptions;
        _expressionOptions = expressionOptions;
        _options = options.Value;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger<SandboxService>();
        var every = TimeSpan.FromMinutes(1);
        _sweeper = time.CreateTimer(_ => _ = SweepQuietlyAsync(), null, every, every);
    }

    /// <summary>How many test runs are open on this host.</summary>
    public int Count => _sessions.Count;

    /// <summary>
    /// Starts a test run of <paramref name="definitionJson"/> (a draft, never stored in the real database) with
    /// <paramref name="input"/> as its initial variables. The definition must pass the engine's validator (errors are
    /// keyed <c>definition.activities[2].inputs.due</c>); input may only name declared variables.
    /// </summary>
    public async Task<OperationResult<SandboxState>> StartAsync(string owner, string definitionJson, JsonNode? input, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentNullException.ThrowIfNull(definitionJson);
        await SweepAsync();
        if (_sessions.Count >= _options.MaxSessions)
        {
            return Full();
        }
        var problems = _validator.Validate(definitionJson, out var model);
        if (problems.Count > 0 || model is null)
        {
            return OperationResult<SandboxState>.Invalid(problems
                .GroupBy(p => "definition" + (p.Path.StartsWith('$') ? p.Path[1..] : "." + p.Path), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal));
        }
        if (input is not null and not JsonObject)
        {
            return OperationResult<SandboxState>.Invalid("input", Failure.JsonObject("input"));
        }
        var declared = model.Variables.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = (input as JsonObject ?? []).Select(p => p.Key).Where(name => !declared.Contains(name)).ToList();
        if (unknown.Count > 0)
        {
            var errors = new ValidationErrors();
            foreach (var name in unknown)
            {
                errors.Refuse($"input.{name}", Failure.NoVariable());
            }
            return OperationResult<SandboxState>.Invalid(errors);
        }

        var session = await OpenAsync(owner, model.Id, ct);
        try
        {
            var definitions = session.Services.GetRequiredService<DefinitionService>();
            var created = await definitions.CreateAsync(definitionJson, owner, ct);
            var published = created.IsOk ? await definitions.PublishAsync(model.Id, owner, ct) : null;
            if (published is not { IsOk: true })
            {
                await session.DisposeAsync();
                var failure = published ?? created;
                return failure.As<SandboxState>();
            }
            var started = await session.Runner.StartAsync(model.Id, input?.DeepClone(), new Actor(owner, ["Admin"]), null, ct);
            if (!started.IsOk)
            {
                await session.DisposeAsync();
                return started.As<SandboxState>();
            }
            session.InstanceId = started.Value;
            if (!_sessions.TryAdd(session.Id, session) || _sessions.Count > _options.MaxSessions)
            {
                _sessions.TryRemove(session.Id, out _);
                await session.DisposeAsync();
                return Full();
            }
            LogStarted(session.Id, model.Id, owner);
            return OperationResult<SandboxState>.Ok(await ReadStateAsync(session, ct));
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>The state of the caller's test run.</summary>
    public Task<OperationResult<SandboxState>> GetAsync(string owner, Guid id, CancellationToken ct = default) =>
        WithSessionAsync(owner, id, _ => Task.FromResult<OperationResult<Guid>?>(null), ct);

    /// <summary>Completes an open task of the run as its assignee, with one of its outcomes and its form fields.</summary>
    public Task<OperationResult<SandboxState>> CompleteTaskAsync(string owner, Guid id, Guid taskId, string? outcome, string? comment,
        JsonObject? fields, CancellationToken ct = default) =>
        WithSessionAsync(owner, id, async session =>
        {
            await using var db = await session.Db.CreateDbContextAsync(ct);
            var task = await db.WorkItems.AsNoTracking().FirstOrDefaultAsync(w => w.Id == taskId, ct);
            if (task is null)
            {
                return OperationResult<Guid>.NotFound(Failure.SandboxNoTask(taskId));
            }
            var actor = new Actor(task.AssigneeUser ?? "role:" + task.AssigneeRole, task.AssigneeRole is { } role ? [role] : []);
            var result = await session.Runner.CompleteTaskAsync(taskId, actor, outcome, comment, fields, null, ct);
            return result.IsOk ? null : result;
        }, ct);

    /// <summary>
    /// Decides a pending approval: votes <paramref name="outcome"/> as each approver in turn until the votes decide
    /// (one vote for "any", all of them for "all"). Extend needs <paramref name="newDue"/>, Reassign <paramref name="reassignTo"/>.
    /// </summary>
    public Task<OperationResult<SandboxState>> DecideAsync(string owner, Guid id, Guid approvalId, string? outcome, string? comment,
        DateTimeOffset? newDue, string? reassignTo, CancellationToken ct = default) =>
        WithSessionAsync(owner, id, async session =>
        {
            Approval? approval;
            List<string> voted;
            await using (var db = await session.Db.CreateDbContextAsync(ct))
            {
                approval = await db.Approvals.AsNoTracking().FirstOrDefaultAsync(a => a.Id == approvalId, ct);
                voted = await db.ApprovalVotes.AsNoTracking().Where(v => v.ApprovalId == approvalId).Select(v => v.Approver).ToListAsync(ct);
            }
            if (approval is null)
            {
                return OperationResult<Guid>.NotFound(Failure.SandboxNoApproval(approvalId));
            }
            var voters = approval.Approvers.Select(ActorFor).Where(a => !voted.Contains(a.UserName, StringComparer.OrdinalIgnoreCase)).ToList();
            if (voters.Count == 0)
            {
                return OperationResult<Guid>.Conflict(approval.Status == ApprovalStatus.Pending
                    ? Failure.SandboxNoVoter()
                    : Failure.ApprovalAlreadyDecided(approval.Status));
            }
            foreach (var voter in voters)
            {
                var result = await session.Runner.DecideAsync(approvalId, voter, outcome, comment, newDue, reassignTo, null, ct);
                if (!result.IsOk)
                {
                    return result;
                }
                await using var db = await session.Db.CreateDbContextAsync(ct);
                if (await db.Approvals.AsNoTracking().AnyAsync(a => a.Id == approvalId && a.Status != ApprovalStatus.Pending, ct))
                {
                    break;
                }
            }
            return null;
        }, ct);

    /// <summary>Fires a pending timer now: the run's clock moves to its due time and the engine fires it as Hangfire would.</summary>
    public Task<OperationResult<SandboxState>> FireTimerAsync(string owner, Guid id, Guid timerId, CancellationToken ct = default) =>
        WithSessionAsync(owner, id, async session =>
        {
            DurableTimer? timer;
            await using (var db = await session.Db.CreateDbContextAsync(ct))
            {
                timer = await db.Timers.AsNoTracking().FirstOrDefaultAsync(t => t.Id == timerId, ct);
            }
            if (timer is null)
            {
                return OperationResult<Guid>.NotFound(Failure.SandboxNoTimer(timerId));
            }
            if (timer.Status != TimerStatus.Pending)
            {
                return OperationResult<Guid>.Conflict(timer.Status == TimerStatus.Fired ? Failure.SandboxTimerFired() : Failure.SandboxTimerCancelled());
            }
            session.Clock.AdvanceTo(timer.DueAt);
            var fired = await session.Runner.FireTimerAsync(timerId, ct);
            return fired.Value == TimerFireResult.Fired ? null : OperationResult<Guid>.Conflict(Failure.SandboxTimerNotAwaited());
        }, ct);

    /// <summary>Stops the caller's test run and drops its database.</summary>
    public async Task<bool> StopAsync(string owner, Guid id)
    {
        if (!_sessions.TryGetValue(id, out var session) || !session.IsOwnedBy(owner) || !_sessions.TryRemove(id, out _))
        {
            return false;
        }
        await session.DisposeAsync();
        LogStopped(id, "stopped");
        return true;
    }

    /// <summary>Stops every run idle for longer than <see cref="SandboxOptions.IdleTimeout"/>.</summary>
    public async Task SweepAsync()
    {
        var now = _time.GetUtcNow();
        foreach (var session in _sessions.Values.Where(s => now - s.LastUsed > _options.IdleTimeout).ToList())
        {
            if (_sessions.TryRemove(session.Id, out _))
            {
                await session.DisposeAsync();
                LogStopped(session.Id, "idle");
            }
        }
    }

    private async Task SweepQuietlyAsync()
    {
        try
        {
            await SweepAsync();
        }
#pragma warning disable CA1031 // A failed sweep leaves runs for the next one; a timer callback must not throw.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogSweepFailed(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _sweeper.DisposeAsync();
        foreach (var id in _sessions.Keys.ToList())
        {
            if (_sessions.TryRemove(id, out var session))
            {
                await session.DisposeAsync();
            }
        }
    }

    private OperationResult<SandboxState> Full() => OperationResult<SandboxState>.Conflict(Failure.SandboxFull(_options.MaxSessions, _options.IdleTimeout.TotalMinutes));

    private static Actor ActorFor(RecipientSpec approver) =>
        approver.User is { Length: > 0 } user ? new Actor(user, []) : new Actor("role:" + approver.Role, approver.Role is { } role ? [role] : []);

    /// <summary>
    /// Runs <paramref name="step"/> on the caller's run, one step at a time per run, then reads the state. The step
    /// returns null when it did its work, else the engine's refusal.
    /// </summary>
    private async Task<OperationResult<SandboxState>> WithSessionAsync(string owner, Guid id, Func<Session, Task<OperationResult<Guid>?>> step, CancellationToken ct)
    {
        if (!_sessions.TryGetValue(id, out var session) || !session.IsOwnedBy(owner))
        {
            return OperationResult<SandboxState>.NotFound(Failure.SandboxNotFound(id, _options.IdleTimeout.TotalMinutes));
        }
        session.Touch(_time.GetUtcNow());
        if (!await session.EnterAsync(ct))
        {
            return OperationResult<SandboxState>.NotFound(Failure.SandboxStopped(id));
        }
        try
        {
            if (await step(session) is { } refused)
            {
                return refused.As<SandboxState>();
            }
            session.Touch(_time.GetUtcNow());
            return OperationResult<SandboxState>.Ok(await ReadStateAsync(session, ct));
        }
        finally
        {
            session.Leave();
        }
    }

    private async Task<Session> OpenAsync(string owner, string definitionId, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        var clock = new SandboxClock(_time);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = $"butler-sandbox-{id:N}",
            Mode = SqliteOpenMode.Memory,
            Cache = SqliteCacheMode.Shared,
            DefaultTimeout = 30,
        }.ToString();
        // A shared in-memory database lives while a connection to it is open: this one keeps it for the run's lifetime.
        var keeper = new SqliteConnection(connectionString);
        await keeper.OpenAsync(ct);

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(_loggers);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(Options.Create(_calendarOptions.Value));
        services.AddSingleton(Options.Create(_runnerOptions.Value));
        services.AddSingleton(Options.Create(_expressionOptions.Value));
        services.AddSingleton<IUserDirectory>(new SandboxUserDirectory(_users));
        // Everything else keeps the engine's own defaults: no timer executor, no outbox signal, no mailer, no signed links.
        services.AddWorkflows();
        services.AddButlerPersistence(DatabaseProvider.Sqlite, connectionString);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var session = new Session(id, owner, definitionId, provider, keeper, clock, _time.GetUtcNow());
        try
        {
            await provider.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            await CopyCalendarsAsync(session, ct);
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
        return session;
    }

    /// <summary>Deadlines count working days as the host does: its calendars are copied in (the real ones are only read).</summary>
    private async Task CopyCalendarsAsync(Session session, CancellationToken ct)
    {
        List<WorkCalendarRecord> calendars;
        await using (var real = await _hostDb.CreateDbContextAsync(ct))
        {
            calendars = await real.Calendars.AsNoTracking().ToListAsync(ct);
        }
        await using (var db = await session.Db.CreateDbContextAsync(ct))
        {
            db.Calendars.AddRange(calendars);
            await db.SaveChangesAsync(ct);
        }
        await session.Services.GetRequiredService<CalendarService>().WarmAsync(ct);
    }

    private async Task<SandboxState> ReadStateAsync(Session session, CancellationToken ct)
    {
        await using var db = await session.Db.CreateDbContextAsync(ct);
        var instance = await db.Instances.AsNoTracking().FirstAsync(i => i.Id == session.InstanceId, ct);
        var tasks = await db.WorkItems.AsNoTracking().Where(w => w.Status == WorkItemStatus.Open).ToListAsync(ct);
        var approvals = await db.Approvals.AsNoTracking().Where(a => a.Status == ApprovalStatus.Pending).ToListAsync(ct);
        var votes = await db.ApprovalVotes.AsNoTracking().Select(v => v.ApprovalId).ToListAsync(ct);
        var timers = await db.Timers.AsNoTracking().Where(t => t.Status == TimerStatus.Pending).ToListAsync(ct);
        var bookmarks = await db.Bookmarks.AsNoTracking().Select(b => b.ActivityId).ToListAsync(ct);
        var journal = await db.Journal.AsNoTracking().OrderBy(j => j.Sequence).ToListAsync(ct);
        var mails = await db.Outbox.AsNoTracking().ToListAsync(ct);
        var incidents = await db.Incidents.AsNoTracking().ToListAsync(ct);
        var now = session.Clock.GetUtcNow();
        // Times are ordered here, not in SQL: SQLite cannot order by DateTimeOffset.
        return new SandboxState(
            session.Id,
            session.DefinitionId,
            Wire(instance.Status),
            instance.CreatedAt,
            now,
            session.LastUsed + _options.IdleTimeout,
            JsonNode.Parse(instance.VariablesJson) as JsonObject ?? [],
            [.. bookmarks.Concat(tasks.Select(t => t.ActivityId)).Concat(approvals.Select(a => a.ActivityId)).Distinct(StringComparer.Ordinal)],
            [.. tasks.OrderBy(t => t.CreatedAt).Select(t => new SandboxTask(t.Id, t.ActivityId, t.Kind, t.Title, t.AssigneeUser, t.AssigneeRole,
                t.DueAt, t.EscalationLevel, JsonSerializer.Deserialize<string[]>(t.OutcomesJson) ?? [], JsonNode.Parse(t.FieldsJson) as JsonArray ?? []))],
            [.. approvals.OrderBy(a => a.CreatedAt).Select(a => new SandboxApproval(a.Id, a.ActivityId, a.Title, a.Mode,
                [.. a.Approvers.Select(p => p.User ?? "role:" + p.Role)], a.Outcomes, a.DueAt, a.EscalatedTaskId, votes.Count(v => v == a.Id)))],
            [.. timers.OrderBy(t => t.DueAt).Select(t => new SandboxTimer(t.Id, Wire(t.Kind), t.ActivityId, t.Step, t.DueAt, t.DueAt <= now))],
            [.. journal.Select(j => new SandboxJournalEntry(j.Sequence, j.At, Wire(j.Kind), j.ActivityId, j.Actor, j.Outcome, j.Detail))],
            [.. mails.OrderBy(m => m.CreatedAt).Select(m => new SandboxMail(m.Recipient, m.RecipientName, m.Subject, m.CreatedAt))],
            [.. incidents.OrderBy(i => i.At).Select(i => new SandboxIncident(i.ActivityId, i.Kind, i.Message, i.At))]);
    }

    /// <summary>Enum values as the API writes them everywhere: camelCase.</summary>
    private static string Wire<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    [LoggerMessage(Level = LogLevel.Information, Message = "Test run {SandboxId} of {DefinitionId} started by {User}")]
    private partial void LogStarted(Guid sandboxId, string definitionId, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropping idle test runs failed; the next sweep tries again")]
    private partial void LogSweepFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Test run {SandboxId} ended ({Reason}); its database is dropped")]
    private partial void LogStopped(Guid sandboxId, string reason);

    /// <summary>One test run: its engine, the connection that keeps its database alive, its clock and its owner.</summary>
    private sealed class Session(Guid id, string owner, string definitionId, ServiceProvider services, SqliteConnection keeper,
        SandboxClock clock, DateTimeOffset now) : IAsyncDisposable
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private long _lastUsedTicks = now.UtcTicks;
        private int _disposed;

        public Guid Id { get; } = id;
        public string DefinitionId { get; } = definitionId;
        public ServiceProvider Services { get; } = services;
        public SandboxClock Clock { get; } = clock;
        public Guid InstanceId { get; set; }
        public WorkflowRunner Runner => Services.GetRequiredService<WorkflowRunner>();
        public IDbContextFactory<ButlerDbContext> Db => Services.GetRequiredService<IDbContextFactory<ButlerDbContext>>();
        public DateTimeOffset LastUsed => new(Interlocked.Read(ref _lastUsedTicks), TimeSpan.Zero);

        public bool IsOwnedBy(string user) => string.Equals(owner, user, StringComparison.OrdinalIgnoreCase);

        public void Touch(DateTimeOffset at) => Interlocked.Exchange(ref _lastUsedTicks, at.UtcTicks);

        /// <summary>Waits for the run's previous step; false when the run was stopped meanwhile.</summary>
        public async Task<bool> EnterAsync(CancellationToken ct)
        {
            await _gate.WaitAsync(ct);
            if (Volatile.Read(ref _disposed) == 0)
            {
                return true;
            }
            _gate.Release();
            return false;
        }

        public void Leave() => _gate.Release();

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }
            // Wait for a step in flight, so its database is not dropped under it.
            await _gate.WaitAsync();
            try
            {
                await Services.DisposeAsync();
                SqliteConnection.ClearPool(keeper);
                await keeper.DisposeAsync();
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
