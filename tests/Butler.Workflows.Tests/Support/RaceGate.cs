using System.Collections.Concurrent;
using Butler.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Butler.Workflows.Tests.Support;

/// <summary>
/// Holds every armed context at SaveChanges until all racers have read their state and arrived, so two stimuli
/// really do collide on commit instead of happening to run one after the other. Records what SaveChanges threw.
/// </summary>
public sealed class RaceGate(int racers) : SaveChangesInterceptor
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);
    private readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _armed;
    private int _arrived;

    public ConcurrentQueue<Exception> Failures { get; } = new();

    /// <summary>From now on, the first <c>racers</c> saves wait for each other.</summary>
    public void Arm() => Volatile.Write(ref _armed, 1);

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _armed) == 1)
        {
            var arrival = Interlocked.Increment(ref _arrived);
            if (arrival == racers)
            {
                _allArrived.TrySetResult();
            }
            if (arrival <= racers)
            {
                // Bounded: if a racer never arrives the test fails with a timeout instead of hanging.
                await _allArrived.Task.WaitAsync(MaxWait, cancellationToken);
            }
        }
        return result;
    }

    public override ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Failures.Enqueue(eventData.Exception);
        return ValueTask.FromResult(result);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failures.Enqueue(eventData.Exception);
        return Task.CompletedTask;
    }

    /// <summary>A context factory whose contexts pass through <paramref name="gate"/> (and log to <paramref name="logs"/>, if given).</summary>
    public static IDbContextFactory<ButlerDbContext> Factory(DatabaseProvider provider, string connectionString, RaceGate gate, ILoggerFactory? logs = null) => provider switch
    {
        DatabaseProvider.Sqlite => Gated(Options<SqliteButlerDbContext>(b => SqliteButlerDbContext.Configure(b, connectionString), gate, logs), o => new SqliteButlerDbContext(o)),
        DatabaseProvider.PostgreSql => Gated(Options<PostgresButlerDbContext>(b => PostgresButlerDbContext.Configure(b, connectionString), gate, logs), o => new PostgresButlerDbContext(o)),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    private static DbContextOptions<T> Options<T>(Action<DbContextOptionsBuilder<T>> configure, RaceGate gate, ILoggerFactory? logs) where T : DbContext
    {
        var builder = new DbContextOptionsBuilder<T>();
        configure(builder);
        builder.AddInterceptors(gate);
        if (logs is not null)
        {
            builder.UseLoggerFactory(logs);
        }
        return builder.Options;
    }

    private static GatedFactory Gated<T>(DbContextOptions<T> options, Func<DbContextOptions<T>, ButlerDbContext> make) where T : DbContext =>
        new(() => make(options));

    private sealed class GatedFactory(Func<ButlerDbContext> create) : IDbContextFactory<ButlerDbContext>
    {
        public ButlerDbContext CreateDbContext() => create();
    }
}
