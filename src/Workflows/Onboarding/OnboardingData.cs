using Butler.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Butler.Workflows.Onboarding;

/// <summary>
/// The onboarding domain's tables in the engine's context: the domain extends the model (see <see cref="Configure"/>)
/// instead of the engine's context naming the domain's types.
/// </summary>
public static class OnboardingData
{
    /// <summary>Adds the domain's entity configurations to a model that holds the engine's.</summary>
    public static void Configure(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OnboardingData).Assembly);

    extension(ButlerDbContext db)
    {
        public DbSet<IndustryChain> IndustryChains => db.Set<IndustryChain>();
        public DbSet<Leader> Leaders => db.Set<Leader>();
        public DbSet<Team> Teams => db.Set<Team>();
        public DbSet<TeamMember> TeamMembers => db.Set<TeamMember>();
        public DbSet<Lead> Leads => db.Set<Lead>();
        public DbSet<PromotionActivity> PromotionActivities => db.Set<PromotionActivity>();
        public DbSet<Project> Projects => db.Set<Project>();
        public DbSet<InvestmentEntry> InvestmentEntries => db.Set<InvestmentEntry>();
        public DbSet<Problem> Problems => db.Set<Problem>();
        public DbSet<LedgerEntry> Ledger => db.Set<LedgerEntry>();
        public DbSet<Dispatch> Dispatches => db.Set<Dispatch>();
        public DbSet<DispatchDecision> DispatchDecisions => db.Set<DispatchDecision>();
        public DbSet<DispatchRun> DispatchRuns => db.Set<DispatchRun>();
    }
}
