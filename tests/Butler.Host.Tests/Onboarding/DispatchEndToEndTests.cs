using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Butler.Host.Tests.Support;
using Butler.TestSupport;
using Butler.Workflows.Notifications;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Butler.Host.Tests.Onboarding;

/// <summary>
/// The weekly dispatch through the real pipeline: the agenda mail reaches a real SMTP server once, Hangfire holds the
/// recurring job on its cron in the deployment's time zone, and a start runs the latest scheduled week. Real seconds pass.
/// </summary>
[Trait("Category", "Slow")]
[Collection(HostsStartedAlone.Name)]
public sealed class DispatchEndToEndTests
{
    private static readonly TimeZoneInfo Beijing = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static bool IsAgendaTo(MimeMessage m, string address) =>
        m.To.Mailboxes.Any(b => b.Address == address) && (m.Subject ?? "").StartsWith("周例会调度议程", StringComparison.Ordinal);

    [Fact]
    public async Task An_admin_run_mails_the_leader_their_agenda_once_in_their_language_with_every_value_escaped()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var app = new SqliteApp()
            .WithSmtp(smtp)
            .With("Butler:Onboarding:DispatchCron", "");
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<ButlerDbContext>>();
        Guid leaderId, squadId;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            db.IndustryChains.Add(new IndustryChain { Code = "health-food", NameZh = "健康食品", NameEn = "Health food" });
            var leader = new Leader { Id = Guid.NewGuid(), UserName = "leader", Name = "王区长", Chains = ["health-food"], CreatedAt = DateTimeOffset.UtcNow };
            var squad = new Team { Id = Guid.NewGuid(), Name = "健康食品服务专班", Kind = TeamKind.ServiceSquad, LeadUserName = "squad", CreatedAt = DateTimeOffset.UtcNow };
            squad.Members.Add(new TeamMember { TeamId = squad.Id, UserName = "squad" });
            db.Leaders.Add(leader);
            db.Teams.Add(squad);
            await db.SaveChangesAsync();
            (leaderId, squadId) = (leader.Id, squad.Id);
        }
        var created = await app.Services.GetRequiredService<ProjectService>().CreateAsync(new ProjectInput("年产五万吨健康食品项目",
            "<script>alert(1)</script>食品公司", "health-food", 150_000_000m, new DateOnly(2026, 11, 2), leaderId, squadId), new Actor("admin", ["Admin"]));
        Assert.True(created.IsOk, created.Message);
        var admin = await app.ClientForAsync("admin");

        var run = await admin.PostAsync("/api/dispatches/run", null);

        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var body = (await run.Content.ReadFromJsonAsync<JsonObject>())!;
        var week = DispatchSchedule.WeekOf(DateTimeOffset.UtcNow, Beijing);
        Assert.Equal(week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), body["weekOf"]!.GetValue<string>());
        Assert.Equal((1, 1, false), (body["agendas"]!.GetValue<int>(), body["sent"]!.GetValue<int>(), body["alreadyRan"]!.GetValue<bool>()));

        var mail = await smtp.WaitForAsync(m => IsAgendaTo(m, "leader@butler.example"), TimeSpan.FromSeconds(60));
        Assert.Equal($"周例会调度议程：王区长（{week:yyyy-MM-dd} 当周）", mail.Subject);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;食品公司", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script>食品公司", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("健康食品", mail.TextBody, StringComparison.Ordinal);

        var again = (await (await admin.PostAsync("/api/dispatches/run", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((1, 0, true), (again["agendas"]!.GetValue<int>(), again["sent"]!.GetValue<int>(), again["alreadyRan"]!.GetValue<bool>()));
        await Eventually.TrueAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            return await db.Outbox.AllAsync(m => m.Status == OutboxStatus.Sent);
        }, TimeSpan.FromSeconds(60));
        Assert.Single(smtp.Messages, m => IsAgendaTo(m, "leader@butler.example"));

        var bell = (await (await app.ClientForAsync("leader")).GetFromJsonAsync<JsonObject>("/api/notifications"))!;
        var notification = Assert.Single(bell["items"]!.AsArray(), n => n!["kind"]!.GetValue<string>() == "dispatch")!;
        Assert.StartsWith("周例会调度议程", notification["title"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_recurring_job_keeps_its_cron_in_the_deployments_time_zone_and_a_start_runs_the_latest_scheduled_week()
    {
        await using var app = new SqliteApp().With("Butler:Onboarding:DispatchCron", "0 18 * * 5");
        var storage = app.Services.GetRequiredService<JobStorage>();

        using (var connection = storage.GetConnection())
        {
            var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == "butler-weekly-dispatch");
            Assert.Equal("0 18 * * 5", job.Cron);
            Assert.Equal(Beijing.Id, job.TimeZoneId);
        }
        var latest = DispatchSchedule.LatestOccurrence("0 18 * * 5", DateTimeOffset.UtcNow, Beijing)!.Value;
        var week = DispatchSchedule.WeekOf(latest, Beijing);
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<ButlerDbContext>>();
        try
        {
            // A loaded machine starts Hangfire's workers slowly; 90 s leaves room for that, not for a lost run.
            await Eventually.TrueAsync(async () =>
            {
                await using var db = await dbFactory.CreateDbContextAsync();
                return await db.DispatchRuns.AnyAsync(r => r.WeekOf == week);
            }, TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException e)
        {
            // A failing job waits for its retry in the scheduled state; its history says why it failed.
            var monitor = storage.GetMonitoringApi();
            var failures = monitor.FailedJobs(0, 20).Select(f => f.Key).Concat(monitor.ScheduledJobs(0, 20).Select(j => j.Key))
                .SelectMany(id => monitor.JobDetails(id)?.History.Where(h => h.StateName == "Failed")
                    .Select(h => $"{monitor.JobDetails(id).Job?.Method.Name}: {(h.Data.TryGetValue("ExceptionMessage", out var message) ? message : "")}") ?? []);
            throw new TimeoutException($"No dispatch run for the week of {week:yyyy-MM-dd}; failures: [{string.Join("; ", failures)}]", e);
        }
        await using var check = await dbFactory.CreateDbContextAsync();
        Assert.Equal(1, await check.DispatchRuns.CountAsync());
    }

    [Fact]
    public void A_dispatch_cron_that_does_not_parse_stops_the_host_naming_the_setting()
    {
        using var app = new SqliteApp().With("Butler:Onboarding:DispatchCron", "every monday");

        var error = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains("Butler:Onboarding:DispatchCron", error.ToString(), StringComparison.Ordinal);
    }
}
