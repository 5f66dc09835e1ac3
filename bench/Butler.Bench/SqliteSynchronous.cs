using System.Data.Common;
using Butler.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Butler.Bench;

/// <summary>
/// Experiment only (--sqlite-synchronous): sets SQLite's synchronous pragma on every connection the engine opens, to show
/// what the fsync at each commit costs. The engine itself leaves SQLite's default, FULL.
/// </summary>
internal sealed class SqliteSynchronous(string mode) : DbConnectionInterceptor
{
    public static readonly string[] Modes = ["OFF", "NORMAL", "FULL", "EXTRA"];

    public static void Configure(IServiceCollection services, string mode) =>
        services.ConfigureDbContext<SqliteButlerDbContext>(o => o.AddInterceptors(new SqliteSynchronous(mode)));

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // the mode is one of the fixed words in Modes
        command.CommandText = $"PRAGMA synchronous={mode};";
#pragma warning restore CA2100
        command.ExecuteNonQuery();
    }
}
