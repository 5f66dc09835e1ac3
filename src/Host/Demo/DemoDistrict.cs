using System.Globalization;
using System.Text.Json.Nodes;
using Butler.Host.Identity;
using Butler.Workflows.Activities;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Butler.Host.Demo;

/// <summary>
/// A district like the one in the report, for demo mode: six leaders over three industry chains, service squads,
/// five outposts and town squads; 2025 as the report tells it (200 leads, 70 in deep negotiation, 18 projects signed
/// for 3.0 billion CNY, all fulfilled, 13 started, 2.3 billion completed, 20 trips, 180 receptions, 105 visits) entered
/// as records; and 2026 projects that run the real butler pipeline, some on time, some late, one escalated.
/// </summary>
public static class DemoDistrict
{
    public static readonly (string Code, string Zh, string En)[] Chains =
    [
        ("health-food", "健康食品", "Health food"),
        ("biomedicine", "生物医药", "Biomedicine"),
        ("new-materials", "新材料", "New materials"),
    ];

    /// <summary>User name, display name, title, chain.</summary>
    public static readonly (string User, string Name, LocalizedText Title, string Chain)[] Leaders =
    [
        ("leader", "王区长", new("District head", "区长"), "health-food"),
        ("leader2", "张书记", new("District party secretary", "区委书记"), "health-food"),
        ("leader3", "李副区长", new("Executive deputy head", "常务副区长"), "biomedicine"),
        ("leader4", "赵副书记", new("Deputy party secretary", "区委副书记"), "biomedicine"),
        ("leader5", "刘部长", new("Standing committee member", "区委常委"), "new-materials"),
        ("leader6", "陈副区长", new("Deputy head", "副区长"), "new-materials"),
    ];

    /// <summary>Planned investment of the 18 projects signed in 2025, in millions of CNY (3,000 in all).</summary>
    private static readonly int[] Planned2025 = [320, 260, 240, 220, 200, 200, 180, 180, 160, 150, 150, 140, 130, 120, 110, 100, 80, 60];

    /// <summary>Investment completed in 2025 by the 13 that started, in millions (2,300 in all).</summary>
    private static readonly int[] Completed2025 = [300, 240, 220, 200, 180, 180, 160, 160, 140, 140, 130, 130, 120];

    private static readonly string[] Companies =
    [
        "漯河卫龙食品有限公司", "中原健康饮品有限公司", "豫南益生菌科技有限公司", "沙澧冷链食品有限公司", "郾城休闲食品产业园",
        "华中生物制药有限公司", "漯河医疗器械有限公司", "中科基因检测有限公司", "豫康中药饮片有限公司", "澧河细胞科技有限公司",
        "中原新材料科技有限公司", "漯河碳纤维复合材料有限公司", "豫中高分子材料有限公司", "郾城石墨烯应用有限公司", "沙河纳米涂层有限公司",
        "漯河功能性食品有限公司", "中原植物蛋白有限公司", "豫南生物降解材料有限公司",
    ];

    /// <summary>Seeds the district once, on a database without leaders; the demo users must exist.</summary>
    public static async Task SeedAsync(IServiceProvider services, UserManager<ButlerUser> users, string password, CancellationToken ct = default)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<ButlerDbContext>>();
        await using (var check = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await check.Leaders.AnyAsync(ct))
            {
                return;
            }
        }
        var time = services.GetRequiredService<TimeProvider>();
        var now = time.GetUtcNow();
        var random = new Random(2025);

        foreach (var (user, name, _, _) in Leaders.Skip(1))
        {
            await EnsureUserAsync(users, user, name, Roles.Leader, password);
        }
        foreach (var (user, name) in new[] { ("squad2", "服务专班 王芳"), ("squad3", "服务专班 赵强"), ("squad4", "服务专班 孙丽") })
        {
            await EnsureUserAsync(users, user, name, Roles.Squad, password);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var (code, zh, en) in Chains)
        {
            db.IndustryChains.Add(new IndustryChain { Code = code, NameZh = zh, NameEn = en });
        }
        var leaders = Leaders.Select(l => new Leader
        {
            Id = Guid.CreateVersion7(now), UserName = l.User, Name = l.Name, Title = l.Title, Chains = [l.Chain], CreatedAt = now,
        }).ToList();
        db.Leaders.AddRange(leaders);
        var squads = new[]
        {
            Team(new("Health food service squad", "健康食品服务专班"), TeamKind.ServiceSquad, "squad", ["squad", "squad2"], leaders[0].Id, now),
            Team(new("Biomedicine service squad", "生物医药服务专班"), TeamKind.ServiceSquad, "squad3", ["squad3"], leaders[2].Id, now),
            Team(new("New materials service squad", "新材料服务专班"), TeamKind.ServiceSquad, "squad4", ["squad4"], leaders[4].Id, now),
        };
        db.Teams.AddRange(squads);
        foreach (var (zh, en) in new[] { ("北京", "Beijing"), ("上海", "Shanghai"), ("深圳", "Shenzhen"), ("杭州", "Hangzhou"), ("郑州", "Zhengzhou") })
        {
            db.Teams.Add(Team(new($"{en} outpost bureau", $"驻{zh}招商分局"), TeamKind.Outpost, null, [], null, now));
        }
        foreach (var (zh, en) in new[] { ("孟庙镇", "Mengmiao"), ("裴城镇", "Peicheng"), ("龙城镇", "Longcheng"), ("沙北街道", "Shabei") })
        {
            db.Teams.Add(Team(new($"{en} town squad", $"{zh}招商分队"), TeamKind.TownSquad, null, [], null, now));
        }

        Seed2025(db, leaders, squads, random, now);
        Seed2026Leads(db, random, now);
        var trip = SeedUpcomingTrip(db, now);
        await db.SaveChangesAsync(ct);
        await SeedTripProxyAsync(users, trip, ct);

        await Seed2026ProjectsAsync(services, dbFactory, leaders, squads, now, ct);
    }

    private static Team Team(LocalizedText name, TeamKind kind, string? lead, string[] members, Guid? leaderId, DateTimeOffset now)
    {
        var team = new Team { Id = Guid.CreateVersion7(now), Name = name, Kind = kind, LeadUserName = lead, LeaderId = leaderId, CreatedAt = now };
        team.Members.AddRange(members.Select(m => new TeamMember { TeamId = team.Id, UserName = m }));
        return team;
    }

    private static async Task EnsureUserAsync(UserManager<ButlerUser> users, string name, string display, string role, string password)
    {
        if (await users.FindByNameAsync(name) is not null)
        {
            return;
        }
        var user = new ButlerUser { UserName = name, Email = $"{name}@butler.example", EmailConfirmed = true, DisplayName = display, Language = "zh-CN" };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Demo user '{name}' could not be created: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
        await users.AddToRoleAsync(user, role);
    }

    private static DateTimeOffset Beijing(DateOnly day, int hour = 10) => new(day.Year, day.Month, day.Day, hour, 0, 0, TimeSpan.FromHours(8));

    /// <summary>2025 as the report tells it, entered as records (the year before Butler): no runs, a ledger per project.</summary>
    private static void Seed2025(ButlerDbContext db, List<Leader> leaders, Team[] squads, Random random, DateTimeOffset now)
    {
        var sources = Enum.GetValues<LeadSource>();
        var owners = new[] { "squad", "squad2", "squad3", "squad4" };
        var leads = new List<Lead>();
        for (var i = 0; i < 200; i++)
        {
            var chain = Chains[i % 3].Code;
            var received = new DateOnly(2025, 1, 2).AddDays(random.Next(0, 300));
            var lead = new Lead
            {
                Id = Guid.NewGuid(), Source = sources[i % sources.Length], Company = i < 18 ? Companies[i] : $"意向企业 {i + 1:000}",
                ChainCode = i < 18 ? Chains[i / 6].Code : chain, IntendedInvestment = 10_000_000m * random.Next(2, 60),
                Contact = $"联系人 {i + 1:000}", Owner = owners[i % owners.Length], ReceivedOn = received,
                Status = LeadStatus.Assessed, AssessedOn = received.AddDays(2),
                CreatedBy = "admin", CreatedAt = Beijing(received), UpdatedAt = Beijing(received),
            };
            leads.Add(lead);
        }
        // 70 reached deep negotiation; 18 of them signed; of the rest, 70 were dropped.
        for (var i = 0; i < 70; i++)
        {
            leads[i].Status = LeadStatus.DeepNegotiation;
            leads[i].NegotiationOn = leads[i].ReceivedOn.AddDays(10);
        }
        for (var i = 70; i < 140; i++)
        {
            leads[i].Status = LeadStatus.Dropped;
            leads[i].DroppedOn = leads[i].ReceivedOn.AddDays(20);
        }
        db.Leads.AddRange(leads);

        for (var i = 0; i < 18; i++)
        {
            var chainIndex = i / 6;
            var contract = new DateOnly(2025, 1 + i * 10 / 18, 8 + i % 15);
            var lead = leads[i];
            lead.ReceivedOn = new DateOnly(2025, 1, 2).AddDays(i);
            lead.AssessedOn = lead.ReceivedOn.AddDays(1);
            lead.NegotiationOn = lead.ReceivedOn.AddDays(2);
            lead.SignedOn = contract;
            lead.Status = LeadStatus.Signed;
            var started = i < 13;
            var producing = i < 5;
            var stage = producing ? ProjectStage.Production : started ? ProjectStage.Construction : i < 16 ? ProjectStage.Site : ProjectStage.Permits;
            var startedOn = started ? contract.AddDays(45) : (DateOnly?)null;
            var project = new Project
            {
                Id = Guid.NewGuid(), Name = $"{Companies[i].Replace("有限公司", "", StringComparison.Ordinal)}项目", Company = Companies[i],
                ChainCode = Chains[chainIndex].Code, PlannedInvestment = Planned2025[i] * 1_000_000m, ContractDate = contract,
                PlannedStartMonth = new DateOnly(contract.AddMonths(started ? 1 : 14).Year, contract.AddMonths(started ? 1 : 14).Month, 1),
                LeaderId = leaders[chainIndex * 2 + i % 2].Id, SquadId = squads[chainIndex].Id, Stage = stage,
                StartedOn = startedOn, ProductionOn = producing ? contract.AddDays(200) : null,
                HighTech = i < 13, ChainGapFilling = i % 2 == 0 || i == 17, LeadId = lead.Id,
                CreatedBy = "admin", CreatedAt = Beijing(contract), UpdatedAt = Beijing(contract),
            };
            lead.ProjectId = project.Id;
            db.Projects.Add(project);
            ProjectLedger.Add(db, project.Id, LedgerKind.Created, "admin", Beijing(contract), $"{project.Name} ({project.Company})",
                new JsonObject { ["name"] = project.Name, ["company"] = project.Company, ["plannedInvestment"] = project.PlannedInvestment });
            var at = contract;
            foreach (var next in new[] { ProjectStage.Permits, ProjectStage.Site, ProjectStage.Construction, ProjectStage.Production }.Where(s => s <= stage))
            {
                at = next == ProjectStage.Construction ? startedOn!.Value : next == ProjectStage.Production ? project.ProductionOn!.Value : at.AddDays(12);
                ProjectLedger.Add(db, project.Id, LedgerKind.StageChanged, "squad", Beijing(at),
                    OnboardingWords.StageChange(next - 1, next),
                    new JsonObject { ["from"] = WireNames.Wire(next - 1), ["to"] = WireNames.Wire(next), ["source"] = "import" });
            }
            if (started)
            {
                AddMonthly(db, project, startedOn!.Value, Completed2025[i] * 1_000_000m, new DateOnly(2025, 12, 1));
            }
        }

        // Outbound trips (20 batches), visits made (105), investor receptions (180 batches).
        var people = new[] { "王区长、招商局 2 人", "张书记、驻深圳分局", "李副区长、服务专班", "赵副书记、商务局", "刘部长、驻上海分局", "陈副区长、驻北京分局" };
        foreach (var (kind, count, place) in new[] { (PromotionKind.Trip, 20, "长三角 / 珠三角"), (PromotionKind.Visit, 105, "企业总部"), (PromotionKind.Reception, 180, "郾城区") })
        {
            for (var i = 0; i < count; i++)
            {
                var day = new DateOnly(2025, 1, 6).AddDays(i * 350 / count);
                db.PromotionActivities.Add(new PromotionActivity
                {
                    Id = Guid.NewGuid(), Kind = kind, Date = day, People = people[i % people.Length], Place = place,
                    LeadId = kind == PromotionKind.Reception && i < 70 ? leads[i].Id : null,
                    RecordedBy = "admin", RecordedAt = Beijing(day, 17),
                });
            }
        }
    }

    /// <summary>Splits an amount over the months from <paramref name="from"/> to <paramref name="last"/>, to the yuan.</summary>
    private static void AddMonthly(ButlerDbContext db, Project project, DateOnly from, decimal total, DateOnly last)
    {
        var first = new DateOnly(from.Year, from.Month, 1);
        var months = (last.Year - first.Year) * 12 + last.Month - first.Month + 1;
        var each = Math.Floor(total / months / 10_000m) * 10_000m;
        for (var m = 0; m < months; m++)
        {
            var month = first.AddMonths(m);
            var amount = m == months - 1 ? total - each * (months - 1) : each;
            db.InvestmentEntries.Add(new InvestmentEntry
            {
                Id = Guid.NewGuid(), ProjectId = project.Id, Month = month, Amount = amount, RecordedBy = "squad",
                RecordedAt = Beijing(month.AddMonths(1), 9),
            });
        }
    }

    private static void Seed2026Leads(ButlerDbContext db, Random random, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var sources = Enum.GetValues<LeadSource>();
        for (var i = 0; i < 60; i++)
        {
            var received = new DateOnly(2026, 1, 5).AddDays(i * 5);
            if (received > today)
            {
                break;
            }
            var status = i % 4 == 0 ? LeadStatus.DeepNegotiation : i % 4 == 1 ? LeadStatus.Assessed : i % 4 == 2 ? LeadStatus.Dropped : LeadStatus.New;
            db.Leads.Add(new Lead
            {
                Id = Guid.NewGuid(), Source = sources[i % sources.Length], Company = $"2026 意向企业 {i + 1:00} / 2026 prospect {i + 1:00}",
                ChainCode = Chains[i % 3].Code, IntendedInvestment = 10_000_000m * random.Next(2, 40), Owner = i % 2 == 0 ? "squad" : "squad3",
                Status = status, ReceivedOn = received,
                AssessedOn = status is LeadStatus.Assessed or LeadStatus.DeepNegotiation ? received.AddDays(2) : null,
                NegotiationOn = status == LeadStatus.DeepNegotiation ? received.AddDays(12) : null,
                DroppedOn = status == LeadStatus.Dropped ? received.AddDays(20) : null,
                CreatedBy = "admin", CreatedAt = Beijing(received), UpdatedAt = Beijing(received),
            });
        }
        for (var i = 0; i < 8; i++)
        {
            var day = new DateOnly(2026, 1, 12).AddDays(i * 35);
            if (day <= today)
            {
                db.PromotionActivities.Add(new PromotionActivity
                {
                    Id = Guid.NewGuid(), Kind = PromotionKind.Trip, Date = day, People = "王区长、招商局", Place = "长三角",
                    RecordedBy = "admin", RecordedAt = Beijing(day, 17),
                });
            }
        }
    }

    /// <summary>李副区长's next trip to the Shenzhen outpost: three days, a week from now.</summary>
    private static PromotionActivity SeedUpcomingTrip(ButlerDbContext db, DateTimeOffset now)
    {
        var day = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(7);
        var trip = new PromotionActivity
        {
            Id = Guid.NewGuid(), Kind = PromotionKind.Trip, Date = day, People = "李副区长、驻深圳分局", Place = "深圳",
            Note = "生物医药企业对接，为期三天", RecordedBy = "leader3", RecordedAt = now,
        };
        db.PromotionActivities.Add(trip);
        return trip;
    }

    /// <summary>代理人: 王芳 stands in for 李副区长 during his trip, as he set it when he recorded it.</summary>
    private static async Task SeedTripProxyAsync(UserManager<ButlerUser> users, PromotionActivity trip, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (await users.FindByNameAsync("leader3") is not { ProxyUserName: null } leader)
        {
            return;
        }
        leader.SetProxy("squad2", Beijing(trip.Date, 0), Beijing(trip.Date.AddDays(3), 0), "赴深圳招商");
        await users.UpdateAsync(leader);
    }

    /// <summary>2026 projects on the real pipeline: on time, late to start, escalated.</summary>
    private static async Task Seed2026ProjectsAsync(IServiceProvider services, IDbContextFactory<ButlerDbContext> dbFactory, List<Leader> leaders, Team[] squads,
        DateTimeOffset now, CancellationToken ct)
    {
        var projects = services.GetRequiredService<ProjectService>();
        var runner = services.GetRequiredService<WorkflowRunner>();
        var admin = new Actor("admin", [Roles.Admin]);
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        async Task<Guid> Create(string name, string company, int chain, decimal millions, int monthsAgo, string? plannedStart, int leader = 0)
        {
            var contract = today.AddMonths(-monthsAgo);
            var result = await projects.CreateAsync(new ProjectInput(name, company, Chains[chain].Code, millions * 1_000_000m, contract,
                leaders[leader].Id, squads[chain].Id, plannedStart, HighTech: chain != 0), admin, ct: ct);
            return result.IsOk ? result.Value : throw new InvalidOperationException($"Demo project '{name}': {result.Message} {string.Join("; ", result.Errors?.SelectMany(e => e.Value) ?? [])}");
        }

        string Month(int monthsFromNow) => today.AddMonths(monthsFromNow).ToString("yyyy-MM", CultureInfo.InvariantCulture);

        // On time: just signed, the parallel services open and green.
        await Create("年产十万吨植物饮品项目", "中原绿源饮品有限公司", 0, 180, 0, Month(4));
        // Late to start: the planned start month passed four months ago (red) and one month ago (yellow).
        await Create("医用敷料生产线项目", "豫康医疗用品有限公司", 1, 120, 6, Month(-4), leader: 2);
        await Create("高性能复合膜项目", "郾城新膜科技有限公司", 2, 95, 3, Month(-1), leader: 4);
        // Under construction, with an open problem and the investment of the last months.
        var building = await Create("健康零食智能工厂项目", "沙澧优品食品有限公司", 0, 260, 5, Month(-2));
        await AdvanceToConstructionAsync(dbFactory, runner, building, squads[0], today.AddDays(-20), ct);
        await projects.RaiseProblemAsync(building, new ProblemInput("power", new LocalizedText("Power capacity for phase 2 not approved", "二期用电增容未批复"),
            "需供电公司确认增容方案", "squad", now.AddDays(10)), admin, ct: ct);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            AddMonthly(db, await db.Projects.FirstAsync(p => p.Id == building, ct), today.AddMonths(-2), 42_000_000m, new DateOnly(today.Year, today.Month, 1));
            await db.SaveChangesAsync(ct);
        }
        // Overdue: the permit filings of one project are five working days late (red, escalated to the leader), of another one day (yellow).
        var late = await Create("益生菌原料药项目", "漯河益康生物科技有限公司", 0, 150, 1, Month(2));
        await BackdateAsync(dbFactory, late, TimeSpan.FromDays(8), ct);
        var slightly = await Create("碳纤维预浸料项目", "中原碳材科技有限公司", 2, 110, 1, Month(3), leader: 5);
        await BackdateAsync(dbFactory, slightly, TimeSpan.FromDays(4), ct);
    }

    /// <summary>Completes the pre-construction services of a project's pipeline as its squad and leader would.</summary>
    private static async Task AdvanceToConstructionAsync(IDbContextFactory<ButlerDbContext> dbFactory, WorkflowRunner runner, Guid projectId, Team squad,
        DateOnly startedOn, CancellationToken ct)
    {
        var member = new Actor(squad.LeadUserName!, [Roles.Squad, squad.RoleName]);
        var values = new Dictionary<string, JsonObject>
        {
            ["briefing"] = new() { ["policies"] = "土地、税收、人才政策" },
            ["permitBusinessLicence"] = new() { ["articlesOfAssociation"] = true, ["registeredAddressProof"] = true, ["businessLicenceNo"] = "91411102MA9K000001" },
            ["permitFoodProduction"] = new() { ["applicationForm"] = true, ["sitePlan"] = true, ["qualitySystem"] = true, ["foodLicenceNo"] = "SC10641110200001" },
            ["permitConstructionPlanning"] = new() { ["landCertificate"] = true, ["designScheme"] = true, ["planningPermitNo"] = "建字第411102202600001号" },
            ["siteSelection"] = new() { ["site"] = "漯河经开区 A-12 地块", ["areaMu"] = 120 },
        };
        Guid pipeline;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            pipeline = (await db.Projects.FirstAsync(p => p.Id == projectId, ct)).PipelineInstanceId!.Value;
        }
        foreach (var (activity, fields) in values)
        {
            await CompleteAsync(dbFactory, runner, pipeline, activity, member, activity == "siteSelection" ? "Proposed" : "Done", fields, ct);
        }
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var approval = await db.Approvals.FirstAsync(a => a.InstanceId == pipeline && a.Status == ApprovalStatus.Pending, ct);
            var leaderId = (await db.Projects.FirstAsync(p => p.Id == projectId, ct)).LeaderId;
            var leaderName = (await db.Leaders.FirstAsync(l => l.Id == leaderId, ct)).UserName;
            var decided = await runner.DecideAsync(approval.Id, new Actor(leaderName, [Roles.Leader]), Approval.Approve, "同意选址", null, null, null, ct);
            if (!decided.IsOk)
            {
                throw new InvalidOperationException($"Demo: approving the site failed: {decided.Message}");
            }
        }
        await CompleteAsync(dbFactory, runner, pipeline, "groundbreaking", member, "Started",
            new JsonObject { ["startedOn"] = startedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }, ct);
    }

    private static async Task CompleteAsync(IDbContextFactory<ButlerDbContext> dbFactory, WorkflowRunner runner, Guid pipeline, string activity, Actor actor,
        string outcome, JsonObject fields, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await db.WorkItems.FirstAsync(w => w.InstanceId == pipeline && w.ActivityId == activity && w.Status == WorkItemStatus.Open, ct);
        var result = await runner.CompleteTaskAsync(task.Id, actor, outcome, null, fields, null, ct);
        if (!result.IsOk)
        {
            throw new InvalidOperationException($"Demo: completing {activity} failed: {result.Message} {string.Join("; ", result.Errors?.SelectMany(e => e.Value) ?? [])}");
        }
    }

    /// <summary>
    /// Moves a demo project's open deadlines into the past, as if it had been signed earlier: its tasks turn late and
    /// its reminder and escalation timers are overdue, so the scheduler's sweep fires them right after start.
    /// </summary>
    private static async Task BackdateAsync(IDbContextFactory<ButlerDbContext> dbFactory, Guid projectId, TimeSpan by, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pipeline = (await db.Projects.FirstAsync(p => p.Id == projectId, ct)).PipelineInstanceId!.Value;
        foreach (var task in await db.WorkItems.Where(w => w.InstanceId == pipeline && w.Status == WorkItemStatus.Open).ToListAsync(ct))
        {
            task.CreatedAt -= by;
            task.DueAt -= by;
            task.WarnAt -= by;
        }
        foreach (var timer in await db.Timers.Where(t => t.InstanceId == pipeline && t.Status == Butler.Workflows.Scheduling.TimerStatus.Pending).ToListAsync(ct))
        {
            timer.DueAt -= by;
        }
        await db.SaveChangesAsync(ct);
    }
}
