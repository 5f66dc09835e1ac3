using Butler.TestSupport;
using Xunit;

namespace Butler.Workflows.Tests.Support;

/// <summary>Test classes in this collection share the process's PostgreSQL server (xunit 2 wants the definition in the test assembly).</summary>
[CollectionDefinition(PostgresFixture.Collection)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
