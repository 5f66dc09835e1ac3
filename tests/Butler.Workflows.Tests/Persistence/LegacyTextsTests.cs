using System.Text.Json.Nodes;
using Butler.TestSupport;
using Butler.Workflows.Activities;
using Butler.Workflows.Definitions;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Butler.Workflows.Tests.Persistence;

public sealed class LegacyTextsTests
{
    [Theory]
    [InlineData("健康食品服务专班 / Health food service squad", "健康食品服务专班", "Health food service squad")]
    [InlineData("签约 / signed", "签约", "signed")]
    [InlineData("解决难题：用电增容 / Resolve: power capacity", "解决难题：用电增容", "Resolve: power capacity")]
    public void A_Chinese_and_English_pair_is_split(string value, string zh, string en) =>
        Assert.Equal(new LocalizedText(en, zh), LegacyTexts.Split(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Q1 / Q2 plan")]
    [InlineData("甲 / 乙 / 丙")]
    [InlineData(" / English")]
    [InlineData("中文 / ")]
    [InlineData("中文/English")]
    [InlineData("""{"zh-CN":"签约 / x","en":"y"}""")]
    public void Anything_else_stays_as_it_is(string? value) => Assert.Null(LegacyTexts.Split(value));

    [Fact]
    public void A_definition_converts_its_name_description_step_names_and_titles_and_nothing_else()
    {
        var json = """
            {"id":"d","name":"签约流程 / Signing","description":"说明 / About","variables":[{"name":"company","type":"string"}],
             "activities":[{"id":"a","type":"HumanTask","name":"政策解读 / Policy briefing",
               "inputs":{"title":"政策解读：{{company}} / Policy briefing: {{company}}","assignee":{"user":"ann / bob"}}},
              {"id":"b","type":"End","name":"结束"}]}
            """;

        var converted = JsonNode.Parse(LegacyTexts.ConvertDefinition(json)!)!;

        Assert.Equal("签约流程", converted["name"]!["zh-CN"]!.GetValue<string>());
        Assert.Equal("Signing", converted["name"]!["en"]!.GetValue<string>());
        Assert.Equal("About", converted["description"]!["en"]!.GetValue<string>());
        var step = converted["activities"]![0]!;
        Assert.Equal("Policy briefing", step["name"]!["en"]!.GetValue<string>());
        Assert.Equal("政策解读：{{company}}", step["inputs"]!["title"]!["zh-CN"]!.GetValue<string>());
        Assert.Equal("ann / bob", step["inputs"]!["assignee"]!["user"]!.GetValue<string>());
        Assert.Equal("结束", converted["activities"]![1]!["name"]!.GetValue<string>());
        Assert.Null(LegacyTexts.ConvertDefinition(converted.ToJsonString()));
    }

    [Fact]
    public Task The_migration_converts_an_older_SQLite_database() => ConvertsAnOlderDatabase(DatabaseProvider.Sqlite);

    [Fact]
    [Trait("Category", "Postgres")]
    public Task The_migration_converts_an_older_PostgreSQL_database() => ConvertsAnOlderDatabase(DatabaseProvider.PostgreSql);

    private static async Task ConvertsAnOlderDatabase(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAtMigrationAsync(provider, "Initial");
        var at = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
        var definition = """
            {"id":"legacy","version":1,"name":"招商流程 / Onboarding","variables":[],
             "activities":[{"id":"start","type":"Start","name":"开始 / Start","inputs":{}}],"connections":[]}
            """;
        await using (var db = database.CreateDbContext())
        {
            // At the Initial migration a text is one string: what an older Butler wrote.
            db.Teams.AddRange(
                new Team { Id = Guid.NewGuid(), Name = "健康食品服务专班 / Health food service squad", CreatedAt = at },
                new Team { Id = Guid.NewGuid(), Name = "Q1 / Q2 squad", CreatedAt = at },
                new Team { Id = Guid.NewGuid(), Name = "引号\"专班 / \"Quoted\" squad \\ back", CreatedAt = at });
            db.DefinitionVersions.Add(new WorkflowDefinitionVersion
            {
                DefinitionId = "legacy", Version = 1, Name = "招商流程 / Onboarding", Json = definition, CreatedAt = at, UpdatedAt = at,
            });
            await db.SaveChangesAsync();
        }

        await database.Get<DatabaseMigrator>().MigrateAsync();

        await using (var db = database.CreateDbContext())
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var names = (await db.Teams.AsNoTracking().ToListAsync()).Select(t => t.Name).ToList();
            Assert.Contains(new LocalizedText("Health food service squad", "健康食品服务专班"), names);
            Assert.Contains(new LocalizedText("Q1 / Q2 squad"), names);
            Assert.Contains(new LocalizedText("\"Quoted\" squad \\ back", "引号\"专班"), names);
            var version = await db.DefinitionVersions.AsNoTracking().SingleAsync();
            Assert.Equal(new LocalizedText("Onboarding", "招商流程"), version.Name);
            var model = DefinitionJson.TryParse(version.Json, out _)!;
            Assert.Equal(new LocalizedText("Onboarding", "招商流程"), model.Name);
            Assert.Equal(new LocalizedText("Start", "开始"), model.Activities[0].Name);
        }

        // Migrating again changes nothing.
        await database.Get<DatabaseMigrator>().MigrateAsync();
        await using (var db = database.CreateDbContext())
        {
            Assert.Equal(3, await db.Teams.CountAsync());
        }
    }
}

[Trait("Category", "Postgres")]
public sealed class FirstStartTests
{
    [Fact]
    public async Task The_first_start_creates_a_PostgreSQL_database_that_does_not_exist_yet_and_migrates_it()
    {
        var existing = new Npgsql.NpgsqlConnectionStringBuilder(PostgresServer.Instance.CreateDatabase("first"));
        PostgresServer.Instance.DropDatabase(existing.ConnectionString);
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Microsoft.Extensions.DependencyInjection.LoggingServiceCollectionExtensions.AddLogging(services);
        services.AddWorkflows();
        services.AddButlerPersistence(DatabaseProvider.PostgreSql, existing.ConnectionString);
        await using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
        try
        {
            await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<DatabaseMigrator>(provider).MigrateAsync();

            await using var db = await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
                .GetRequiredService<IDbContextFactory<ButlerDbContext>>(provider).CreateDbContextAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        }
        finally
        {
            // The database the migrator created goes with the tests' throwaway cluster.
            Npgsql.NpgsqlConnection.ClearAllPools();
        }
    }
}
