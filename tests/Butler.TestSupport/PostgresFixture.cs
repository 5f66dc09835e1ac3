namespace Butler.TestSupport;

/// <summary>
/// Collection fixture over the process-wide <see cref="PostgresServer"/>; starting it here makes a missing server fail
/// the collection up front with the reason, instead of failing each test.
/// </summary>
/// <remarks>
/// xunit 2 only finds collection definitions in the test assembly itself, so each test project declares
/// <c>[CollectionDefinition(PostgresFixture.Collection)] public sealed class PostgresCollection : ICollectionFixture&lt;PostgresFixture&gt;;</c>.
/// </remarks>
public sealed class PostgresFixture
{
    public const string Collection = "postgres";

    public PostgresServer Server { get; } = PostgresServer.Instance;

    /// <summary>A fresh, empty database on the shared server.</summary>
    public string CreateDatabase(string prefix) => Server.CreateDatabase(prefix);
}
