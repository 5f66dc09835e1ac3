using Butler.Host.Identity;
using Butler.Workflows.Persistence;
using Butler.Workflows.Scheduling;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using Hangfire.InMemory;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Butler.Host.Configuration;

/// <summary>The <c>Butler:Scheduling</c> section: how Hangfire polls.</summary>
public sealed class HangfireSettings
{
    /// <summary>Run a Hangfire server in this host (false for a web-only host).</summary>
    public bool Server { get; set; } = true;

    /// <summary>How often delayed jobs are moved to the queue; timers fire at most about this late.</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>How often workers look for queued jobs (SQLite and PostgreSQL storage).</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(0.2);

    public int WorkerCount { get; set; } = 10;

    /// <summary>Cron of the reconciliation sweep and of the outbox sweep.</summary>
    public string SweepCron { get; set; } = "* * * * *";
}

public static class SchedulingExtensions
{
    /// <summary>Hangfire with storage following the database provider, and the engine's timer and mail executors.</summary>
    public static WebApplicationBuilder AddButlerScheduling(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Butler:Scheduling").Get<HangfireSettings>() ?? new HangfireSettings();
        builder.Services.Configure<SchedulingOptions>(builder.Configuration.GetSection("Butler:Scheduling"));

        // The storage is built here and registered explicitly (not through Hangfire's global JobStorage.Current),
        // so several hosts in one process, as in the tests, each keep their own.
        builder.Services.AddSingleton<JobStorage>(sp => CreateStorage(sp, settings));
        builder.Services.AddHangfire((sp, config) => config
            .UseLogProvider(new DisposalSafeLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        builder.Services.Replace(ServiceDescriptor.Singleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>())));
        builder.Services.Replace(ServiceDescriptor.Singleton<IRecurringJobManager>(sp => new RecurringJobManager(sp.GetRequiredService<JobStorage>())));
        if (settings.Server)
        {
            builder.Services.AddHangfireServer((sp, o) =>
            {
                o.SchedulePollingInterval = settings.SchedulePollingInterval;
                o.WorkerCount = settings.WorkerCount;
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
        }
        builder.Services.AddTransient<TimerJobs>();
        builder.Services.AddTransient<OutboxJobs>();
        builder.Services.AddTransient<DispatchJobs>();
        builder.Services.AddSingleton<OutboxRetryState>();
        builder.Services.Replace(ServiceDescriptor.Singleton<ITimerScheduler, HangfireTimerScheduler>());
        builder.Services.Replace(ServiceDescriptor.Singleton<IOutboxSignal, HangfireOutboxSignal>());
        return builder;
    }

    private static JobStorage CreateStorage(IServiceProvider sp, HangfireSettings settings)
    {
        var provider = sp.GetRequiredService<DatabaseSettings>();
        switch (provider.Provider)
        {
            case DatabaseProvider.PostgreSql:
                var pg = new PostgreSqlStorageOptions
                {
                    SchemaName = "hangfire",
                    QueuePollInterval = settings.QueuePollInterval,
                    PrepareSchemaIfNecessary = true,
                };
                return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(provider.ConnectionString, pg), pg);
            case DatabaseProvider.SqlServer:
                return new SqlServerStorage(provider.ConnectionString, new SqlServerStorageOptions
                {
                    SchemaName = "hangfire",
                    QueuePollInterval = TimeSpan.Zero,
                    PrepareSchemaIfNecessary = true,
                });
            default:
                // SQLite: Hangfire keeps its jobs in memory (ADR 006). Hangfire.Storage.SQLite crashed the host
                // (a segfault in SQLite) and corrupted hangfire.db under load; the timer and outbox tables in butler.db
                // are the truth, and a start re-hands every pending timer (RehydrateTimersAsync).
                return new InMemoryStorage(new InMemoryStorageOptions { IdType = InMemoryStorageIdType.Long });
        }
    }

    /// <summary>
    /// With a Hangfire storage that starts empty (in memory, on SQLite), hands every pending timer to Hangfire before
    /// the host serves: the rows in the database outlive the process, the jobs do not.
    /// </summary>
    public static async Task RehydrateTimersAsync(this WebApplication app)
    {
        if (app.Services.GetRequiredService<JobStorage>() is InMemoryStorage)
        {
            await app.Services.GetRequiredService<TimerJobs>().RehydrateAsync(CancellationToken.None);
        }
    }

    /// <summary>Registers the recurring sweeps and runs one reconciliation now (a restart may have lost jobs).</summary>
    public static WebApplication UseButlerScheduling(this WebApplication app)
    {
        var settings = app.Configuration.GetSection("Butler:Scheduling").Get<HangfireSettings>() ?? new HangfireSettings();
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<TimerJobs>("butler-timer-reconciliation", j => j.ReconcileAsync(CancellationToken.None), settings.SweepCron);
        recurring.AddOrUpdate<OutboxJobs>("butler-outbox-sweep", j => j.DispatchAsync(CancellationToken.None), settings.SweepCron);
        var jobs = app.Services.GetRequiredService<IBackgroundJobClient>();
        jobs.Enqueue<TimerJobs>(j => j.ReconcileAsync(CancellationToken.None));
        jobs.Enqueue<OutboxJobs>(j => j.DispatchAsync(CancellationToken.None));
        UseWeeklyDispatch(app, recurring, jobs);
        return app;
    }

    /// <summary>
    /// The weekly dispatch on its cron in the deployment's time zone, and one catch-up run now: a week whose Monday run
    /// was missed while the server was down runs once on restart (only the latest such week; see docs/dispatch.md).
    /// </summary>
    private static void UseWeeklyDispatch(WebApplication app, IRecurringJobManager recurring, IBackgroundJobClient jobs)
    {
        var dispatch = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Butler.Workflows.Onboarding.DispatchOptions>>().Value;
        if (!dispatch.IsEnabled)
        {
            recurring.RemoveIfExists(DispatchJobs.RecurringJobId);
            return;
        }
        var zone = app.Services.GetRequiredService<Butler.Workflows.Calendar.CalendarService>().TimeZone;
        recurring.AddOrUpdate<DispatchJobs>(DispatchJobs.RecurringJobId, j => j.RunDueAsync(CancellationToken.None), dispatch.Cron.Trim(),
            new RecurringJobOptions { TimeZone = zone });
        jobs.Enqueue<DispatchJobs>(j => j.RunDueAsync(CancellationToken.None));
    }

    /// <summary>GET /hangfire — the Hangfire dashboard, Admin only.</summary>
    public static WebApplication MapButlerHangfireDashboard(this WebApplication app)
    {
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            // Authorization is the endpoint's Admin policy below; Hangfire's own filter would allow local requests only.
            Authorization = [new EndpointAuthorizedFilter()],
            AppPath = "/",
            DisplayStorageConnectionString = false,
        }, app.Services.GetRequiredService<JobStorage>()).RequireAuthorization(Policies.Admin);
        return app;
    }

    private sealed class EndpointAuthorizedFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
    }
}
