using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Butler.Host.Identity;
using Butler.Host.Tests.Support;
using Butler.TestSupport;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Butler.Host.Tests.Onboarding;

/// <summary>A host whose weekly dispatch runs only when a test asks, so no start-up run closes a week under a test.</summary>
public sealed class DispatchSqliteApp : ButlerApp
{
    public DispatchSqliteApp()
        : base(DatabaseProvider.Sqlite, null) => With("Butler:Onboarding:DispatchCron", "");
}

/// <inheritdoc cref="DispatchSqliteApp"/>
public sealed class DispatchPostgresApp : ButlerApp
{
    public DispatchPostgresApp()
        : base(DatabaseProvider.PostgreSql, PostgresServer.Instance.CreateDatabase("dispatch")) => With("Butler:Onboarding:DispatchCron", "");
}

/// <summary>
/// Weekly dispatch agendas through the API on a real database: a leader reads and decides on their own agendas only,
/// an administrator reads all; a decision becomes a task in the assignee's inbox; bad decisions are 400 naming the field.
/// Each test runs its own (past) week, so tests sharing a host never see each other's runs.
/// </summary>
public abstract class DispatchApiTests(ButlerApp app)
{
    private static int _weeks;

    private static DateOnly NextWeek() => new DateOnly(2020, 1, 6).AddDays(7 * Interlocked.Increment(ref _weeks));

    private IDbContextFactory<ButlerDbContext> Db => app.Services.GetRequiredService<IDbContextFactory<ButlerDbContext>>();

    /// <summary>The demo leader and a second leader (a new account), each with one project of a shared squad.</summary>
    private async Task<Scene> SceneAsync()
    {
        var otherUser = await TestUsers.CreateAsync(app, "lead", Roles.Leader);
        Guid leaderId, otherId, squadId;
        await using (var db = await Db.CreateDbContextAsync())
        {
            if (!await db.IndustryChains.AnyAsync(c => c.Code == "health-food"))
            {
                db.IndustryChains.Add(new IndustryChain { Code = "health-food", NameZh = "健康食品", NameEn = "Health food" });
            }
            var leader = await db.Leaders.FirstOrDefaultAsync(l => l.UserName == "leader");
            if (leader is null)
            {
                leader = new Leader { Id = Guid.NewGuid(), UserName = "leader", Name = "王区长", Chains = ["health-food"], CreatedAt = DateTimeOffset.UtcNow };
                db.Leaders.Add(leader);
            }
            var other = new Leader { Id = Guid.NewGuid(), UserName = otherUser, Name = "张副区长", Chains = ["health-food"], CreatedAt = DateTimeOffset.UtcNow };
            var squad = new Team { Id = Guid.NewGuid(), Name = $"专班 {Guid.NewGuid():N}"[..12], Kind = TeamKind.ServiceSquad, LeadUserName = "squad", CreatedAt = DateTimeOffset.UtcNow };
            squad.Members.Add(new TeamMember { TeamId = squad.Id, UserName = "squad" });
            db.Leaders.Add(other);
            db.Teams.Add(squad);
            await db.SaveChangesAsync();
            (leaderId, otherId, squadId) = (leader.Id, other.Id, squad.Id);
        }
        var projects = app.Services.GetRequiredService<ProjectService>();
        var mine = await CreateProjectAsync(projects, "漯河食品 A", leaderId, squadId);
        var theirs = await CreateProjectAsync(projects, "漯河食品 B", otherId, squadId);
        var week = NextWeek();
        var run = await app.Services.GetRequiredService<DispatchService>().RunWeekAsync(week);
        Assert.True(run.Ran);
        await using var read = await Db.CreateDbContextAsync();
        var dispatches = await read.Dispatches.AsNoTracking().Where(d => d.WeekOf == week).ToListAsync();
        return new Scene(week, leaderId, otherId, otherUser, mine, theirs,
            dispatches.Single(d => d.LeaderId == leaderId).Id, dispatches.Single(d => d.LeaderId == otherId).Id);
    }

    private sealed record Scene(DateOnly Week, Guid LeaderId, Guid OtherId, string OtherUser, Guid Mine, Guid Theirs, Guid MyDispatch, Guid TheirDispatch);

    private static async Task<Guid> CreateProjectAsync(ProjectService projects, string company, Guid leaderId, Guid squadId)
    {
        var created = await projects.CreateAsync(new ProjectInput("年产一万吨休闲食品项目", company, "health-food", 120_000_000m,
            new DateOnly(2026, 11, 2), leaderId, squadId, "2027-03"), new Actor("admin", [Roles.Admin]));
        Assert.True(created.IsOk, created.Message);
        return created.Value;
    }

    private static async Task<JsonObject> ErrorsOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset InBeijing(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8));

    [Fact]
    public async Task A_leader_lists_and_reads_only_their_own_agendas_and_an_admin_reads_all()
    {
        var s = await SceneAsync();
        var leader = await app.ClientForAsync("leader");
        var admin = await app.ClientForAsync("admin");

        // Any day of the week finds it: the week is normalised to its Monday.
        var mine = (await leader.GetFromJsonAsync<JsonObject>($"/api/dispatches?week={Day(s.Week.AddDays(3))}"))!;
        var item = Assert.Single(mine["items"]!.AsArray())!;
        Assert.Equal(s.MyDispatch, item["id"]!.GetValue<Guid>());
        Assert.Equal("leader", item["leader"]!["userName"]!.GetValue<string>());
        Assert.Equal(Day(s.Week), item["weekOf"]!.GetValue<string>());
        Assert.True(item["projects"]!.GetValue<int>() >= 1);
        Assert.All((await leader.GetFromJsonAsync<JsonObject>("/api/dispatches?pageSize=200"))!["items"]!.AsArray(),
            d => Assert.Equal("leader", d!["leader"]!["userName"]!.GetValue<string>()));

        var detail = (await leader.GetFromJsonAsync<JsonObject>($"/api/dispatches/{s.MyDispatch}"))!;
        var projects = detail["agenda"]!["projects"]!.AsArray().Select(p => p!["id"]!.GetValue<Guid>()).ToList();
        Assert.Contains(s.Mine, projects);
        Assert.DoesNotContain(s.Theirs, projects);
        Assert.Equal(Day(s.Week), detail["agenda"]!["weekOf"]!.GetValue<string>());
        Assert.Empty(detail["decisions"]!.AsArray());

        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/api/dispatches/{s.TheirDispatch}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/api/dispatches?leaderId={s.OtherId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/api/dispatches/{Guid.NewGuid()}")).StatusCode);
        var squad = await app.ClientForAsync("squad");
        Assert.Equal(HttpStatusCode.Forbidden, (await squad.GetAsync("/api/dispatches")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await squad.GetAsync($"/api/dispatches/{s.MyDispatch}")).StatusCode);

        var all = (await admin.GetFromJsonAsync<JsonObject>($"/api/dispatches?week={Day(s.Week)}"))!;
        Assert.Superset(new HashSet<Guid> { s.MyDispatch, s.TheirDispatch },
            all["items"]!.AsArray().Select(d => d!["id"]!.GetValue<Guid>()).ToHashSet());
        var theirs = (await admin.GetFromJsonAsync<JsonObject>($"/api/dispatches?week={Day(s.Week)}&leaderId={s.OtherId}"))!;
        Assert.Equal(s.TheirDispatch, Assert.Single(theirs["items"]!.AsArray())!["id"]!.GetValue<Guid>());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/dispatches/{s.TheirDispatch}")).StatusCode);

        var bad = await ErrorsOf(await admin.GetAsync("/api/dispatches?week=next-monday&pageSize=0"));
        Assert.True(bad.ContainsKey("week"));
        Assert.True(bad.ContainsKey("pageSize"));
    }

    [Fact]
    public async Task A_decision_becomes_a_task_in_the_assignees_inbox_and_shows_on_the_agenda()
    {
        var s = await SceneAsync();
        var leader = await app.ClientForAsync("leader");
        var due = InBeijing(DateTimeOffset.UtcNow.AddDays(5));
        var body = new { item = $"project:{s.Mine:D}", text = "本周内协调供电公司完成临时用电接入", assignee = "squad", dueAt = due };

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/dispatches/{s.MyDispatch}/decisions") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", $"decision-{Guid.NewGuid():N}");
        var key = request.Headers.GetValues("Idempotency-Key").Single();
        var created = await leader.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var decision = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("squad", decision["assignee"]!.GetValue<string>());
        Assert.Equal("leader", decision["recordedBy"]!.GetValue<string>());
        var task = decision["task"]!;
        Assert.Equal("open", task["status"]!.GetValue<string>());
        Assert.Equal(due.ToUnixTimeSeconds(), task["dueAt"]!.GetValue<DateTimeOffset>().ToUnixTimeSeconds());

        var inbox = (await (await app.ClientForAsync("squad")).GetFromJsonAsync<JsonObject>("/api/tasks?scope=mine&pageSize=200"))!;
        var inInbox = inbox["items"]!.AsArray().Single(t => t!["id"]!.GetValue<Guid>() == task["id"]!.GetValue<Guid>())!;
        Assert.Contains("本周内协调供电公司完成临时用电接入", inInbox["title"]!.GetValue<string>(), StringComparison.Ordinal);

        var detail = (await leader.GetFromJsonAsync<JsonObject>($"/api/dispatches/{s.MyDispatch}"))!;
        var recorded = Assert.Single(detail["decisions"]!.AsArray())!;
        Assert.Equal(decision["id"]!.GetValue<Guid>(), recorded["id"]!.GetValue<Guid>());
        Assert.Equal(1, (await leader.GetFromJsonAsync<JsonObject>($"/api/dispatches?week={Day(s.Week)}"))!["items"]![0]!["decisions"]!.GetValue<int>());

        // The same Idempotency-Key answers what the first request was answered, and records nothing more.
        using var again = new HttpRequestMessage(HttpMethod.Post, $"/api/dispatches/{s.MyDispatch}/decisions") { Content = JsonContent.Create(body) };
        again.Headers.Add("Idempotency-Key", key);
        var repeated = await leader.SendAsync(again);
        Assert.Equal(HttpStatusCode.Created, repeated.StatusCode);
        Assert.Equal(created.Headers.Location, repeated.Headers.Location);
        Assert.Equal(decision["id"]!.GetValue<Guid>(), (await repeated.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>());
        await using var db = await Db.CreateDbContextAsync();
        Assert.Equal(1, await db.DispatchDecisions.CountAsync(d => d.DispatchId == s.MyDispatch));
        Assert.Equal(1, await db.Ledger.CountAsync(l => l.ProjectId == s.Mine && l.Kind == LedgerKind.Dispatch));
    }

    [Fact]
    public async Task Bad_decisions_are_400_naming_the_field_and_another_leader_or_a_squad_member_is_403()
    {
        var s = await SceneAsync();
        var leader = await app.ClientForAsync("leader");
        var url = $"/api/dispatches/{s.MyDispatch}/decisions";
        var future = InBeijing(DateTimeOffset.UtcNow.AddDays(3));

        var empty = await ErrorsOf(await leader.PostAsJsonAsync(url, new { }));
        Assert.Equal(["assignee", "dueAt", "item", "text"], empty.Select(e => e.Key).Order(StringComparer.Ordinal));
        var unknown = await ErrorsOf(await leader.PostAsJsonAsync(url, new { item = $"project:{s.Mine:D}", text = "x", assignee = "no-such-user", dueAt = future }));
        Assert.Equal(["assignee"], unknown.Select(e => e.Key));
        var past = await ErrorsOf(await leader.PostAsJsonAsync(url, new { item = $"project:{s.Mine:D}", text = "x", assignee = "squad", dueAt = DateTimeOffset.UtcNow.AddHours(-1) }));
        Assert.Equal(["dueAt"], past.Select(e => e.Key));
        var foreign = await ErrorsOf(await leader.PostAsJsonAsync(url, new { item = $"project:{s.Theirs:D}", text = "x", assignee = "squad", dueAt = future }));
        Assert.Equal(["item"], foreign.Select(e => e.Key));

        var valid = new { item = "general", text = "x", assignee = "squad", dueAt = future };
        var other = await app.ClientForAsync(s.OtherUser);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsJsonAsync(url, valid)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync("squad")).PostAsJsonAsync(url, valid)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.PostAsJsonAsync($"/api/dispatches/{Guid.NewGuid()}/decisions", valid)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsync("/api/dispatches/run", null)).StatusCode);

        await using var db = await Db.CreateDbContextAsync();
        Assert.Equal(0, await db.DispatchDecisions.CountAsync(d => d.DispatchId == s.MyDispatch));

        // An administrator may record against any leader's agenda.
        var admin = await app.ClientForAsync("admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/dispatches/{s.TheirDispatch}/decisions", valid)).StatusCode);
    }
}

public sealed class SqliteDispatchApiTests(DispatchSqliteApp app) : DispatchApiTests(app), IClassFixture<DispatchSqliteApp>;

[Trait("Category", "Postgres")]
public sealed class PostgresDispatchApiTests(DispatchPostgresApp app) : DispatchApiTests(app), IClassFixture<DispatchPostgresApp>;
