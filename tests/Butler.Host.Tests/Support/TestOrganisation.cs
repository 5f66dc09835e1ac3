using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Butler.Host.Tests.Support;

/// <summary>The organisation a project needs, written straight into a test host's database.</summary>
public static class TestOrganisation
{
    /// <summary>
    /// The chain health-food, the demo user "leader" as its leader, and a new service squad whose lead and member is the
    /// demo user "squad" (plus, when asked, a second squad with nobody in it).
    /// </summary>
    public static async Task<(Guid Leader, Guid Squad, Guid OtherSquad)> HealthFoodAsync(ButlerApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var dbFactory = app.Services.GetRequiredService<IDbContextFactory<ButlerDbContext>>();
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
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
            try
            {
                await db.SaveChangesAsync();
                return (leader.Id, squad.Id, other.Id);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // A test running beside this one added the chain or the leader first; read them again.
            }
        }
    }
}
