using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Butler.Host.Tests.Support;

/// <summary>What a project needs, written straight to the database: a chain, a leader and service squads.</summary>
public static class TestOrganisation
{
    /// <summary>The chain health-food, the demo user "leader" as a leader, a squad led by and with the demo user "squad", and another squad.</summary>
    public static async Task<(Guid Leader, Guid Squad, Guid OtherSquad)> CreateAsync(ButlerApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ButlerDbContext>>().CreateDbContextAsync();
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
        var squad = new Team { Id = Guid.NewGuid(), Name = $"专班 {Guid.NewGuid():N}"[..12], Kind = TeamKind.ServiceSquad, LeadUserName = "squad", CreatedAt = DateTimeOffset.UtcNow };
        squad.Members.Add(new TeamMember { TeamId = squad.Id, UserName = "squad" });
        var other = new Team { Id = Guid.NewGuid(), Name = $"其他 {Guid.NewGuid():N}"[..12], Kind = TeamKind.ServiceSquad, CreatedAt = DateTimeOffset.UtcNow };
        db.Teams.AddRange(squad, other);
        await db.SaveChangesAsync();
        return (leader.Id, squad.Id, other.Id);
    }
}
