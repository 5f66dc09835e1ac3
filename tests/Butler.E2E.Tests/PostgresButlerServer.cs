using Butler.Workflows.Persistence;

namespace Butler.E2E.Tests;

/// <summary>The same host on PostgreSQL, the production choice.</summary>
public sealed class PostgresButlerServer() : ButlerServer(DatabaseProvider.PostgreSql);

/// <summary>
/// Runs alone: a second host and browser next to the SQLite collection's would only slow both down on a small machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PostgresButlerServerCollection : ICollectionFixture<PostgresButlerServer>
{
    public const string Name = "butler server on postgresql";
}
