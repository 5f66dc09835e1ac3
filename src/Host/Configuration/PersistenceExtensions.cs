using Butler.Host.Identity;
using Butler.Workflows;
using Butler.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Butler.Host.Configuration;

public static class PersistenceExtensions
{
    /// <summary>Chooses the provider and connection string from configuration and registers the engine and identity models.</summary>
    public static WebApplicationBuilder AddButlerPersistence(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ButlerOptions.Section).Get<ButlerOptions>() ?? new ButlerOptions();
        var dataDirectory = ResolveDataDirectory(builder.Environment.ContentRootPath, options.DataDirectory);
        var provider = options.Database.Provider;
        var connectionString = builder.Configuration.GetConnectionString("Butler");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider != DatabaseProvider.Sqlite)
            {
                throw new InvalidOperationException($"Butler:Database:Provider is {provider}: set ConnectionStrings:Butler.");
            }
            connectionString = $"Data Source={Path.Combine(dataDirectory, "butler.db")}";
        }

        builder.Services.AddSingleton(new DataDirectory(dataDirectory));
        builder.Services.AddSingleton(new DatabaseSettings(provider, connectionString));
        builder.Services.AddButlerPersistence(provider, connectionString);
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                AddIdentityContext<SqliteIdentityDbContext>(builder.Services, provider, connectionString);
                break;
            case DatabaseProvider.PostgreSql:
                AddIdentityContext<PostgresIdentityDbContext>(builder.Services, provider, connectionString);
                break;
            default:
                AddIdentityContext<SqlServerIdentityDbContext>(builder.Services, provider, connectionString);
                break;
        }
        return builder;
    }

    private static void AddIdentityContext<TContext>(IServiceCollection services, DatabaseProvider provider, string connectionString)
        where TContext : ButlerIdentityDbContext
    {
        services.AddDbContext<TContext>(o => ButlerIdentityDbContext.Configure(o, provider, connectionString));
        services.AddScoped<ButlerIdentityDbContext>(sp => sp.GetRequiredService<TContext>());
    }

    /// <summary>Applies the engine's and identity's migrations.</summary>
    public static async Task MigrateButlerDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
        await using var scope = services.CreateAsyncScope();
        await DatabaseMigrator.ApplyMigrationsAsync(scope.ServiceProvider.GetRequiredService<ButlerIdentityDbContext>(), ct);
        await services.GetRequiredService<Butler.Workflows.Calendar.CalendarService>().EnsureSeededAsync(ct);
        await services.GetRequiredService<Butler.Workflows.Onboarding.ShippedDefinitions>().EnsurePublishedAsync(ct);
    }

    private static string ResolveDataDirectory(string contentRoot, string configured) =>
        Path.GetFullPath(Path.IsPathRooted(configured) ? configured : Path.Combine(contentRoot, configured));
}

/// <summary>The database this host uses, for the parts that follow it (Hangfire's storage).</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString);

/// <summary>The absolute path of <c>Butler:DataDirectory</c>.</summary>
public sealed record DataDirectory(string Path)
{
    /// <summary>The data directory registered by <c>AddButlerPersistence</c>, for registrations that need the path.</summary>
    public static DataDirectory From(IServiceCollection services) =>
        services.LastOrDefault(d => d.ServiceType == typeof(DataDirectory))?.ImplementationInstance as DataDirectory
        ?? throw new InvalidOperationException("The data directory is not known yet: call AddButlerPersistence first.");
}
