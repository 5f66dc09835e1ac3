using Butler.TestSupport;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Butler.Workflows.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Xunit;
using static Butler.Workflows.Tests.Support.FlowBuilder;

namespace Butler.Workflows.Tests.Persistence;

/// <summary>
/// A lost optimistic race is expected and handled (the loser reloads and answers 409 or tries again), so it is no
/// failure in the log either: on PostgreSQL it surfaces as a unique violation of the journal, which EF would log at Error.
/// </summary>
public abstract class LostRaceLoggingContract : IAsyncLifetime
{
    private WorkflowHarness _h = null!;

    protected abstract DatabaseProvider Provider { get; }

    public async Task InitializeAsync() => _h = await WorkflowHarness.CreateAsync(Provider);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Two_hosts_completing_one_task_at_once_log_nothing_at_error()
    {
        await _h.PublishAsync(new FlowBuilder("race-log").Start()
            .Task("review", "Review", Role("Squad"), ["Approve", "Reject"]).End()
            .Connect("start", "review").Connect("review", "end", "Approve").Connect("review", "end", "Reject"));
        var id = await _h.StartAsync("race-log");
        var task = await _h.OpenTaskAsync(id, "review");
        var logs = new CapturedLogs();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Warning));
        var gate = new RaceGate(racers: 2);
        await using var hostA = Host(gate, loggerFactory);
        await using var hostB = Host(gate, loggerFactory);
        gate.Arm();

        var results = await Task.WhenAll(
            Task.Run(() => hostA.GetRequiredService<WorkflowRunner>().CompleteTaskAsync(task.Id, new Actor("zhang", ["Squad"]), "Approve", null, null)),
            Task.Run(() => hostB.GetRequiredService<WorkflowRunner>().CompleteTaskAsync(task.Id, new Actor("li", ["Squad"]), "Reject", null, null)));

        Assert.Single(results, r => r.IsOk);
        Assert.Single(gate.Failures);
        var errors = logs.AtLeast(LogLevel.Error);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    private ServiceProvider Host(RaceGate gate, ILoggerFactory loggerFactory) => _h.Database.CreateAnotherHost(_h.Time, services =>
        services.Replace(ServiceDescriptor.Singleton(RaceGate.Factory(Provider, _h.Database.ConnectionString, gate, loggerFactory))));
}

public sealed class SqliteLostRaceLoggingTests : LostRaceLoggingContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Collection(PostgresFixture.Collection)]
[Trait("Category", "Postgres")]
public sealed class PostgresLostRaceLoggingTests : LostRaceLoggingContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
