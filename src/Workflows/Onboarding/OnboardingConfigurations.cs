using Butler.Workflows.Onboarding;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Butler.Workflows.Onboarding.Persistence;

internal sealed class IndustryChainConfiguration : IEntityTypeConfiguration<IndustryChain>
{
    public void Configure(EntityTypeBuilder<IndustryChain> b)
    {
        b.ToTable("IndustryChains");
        b.HasKey(x => x.Code);
        b.Property(x => x.Code).HasMaxLength(50);
        b.Property(x => x.NameZh).HasMaxLength(100);
        b.Property(x => x.NameEn).HasMaxLength(100);
    }
}

internal sealed class LeaderConfiguration : IEntityTypeConfiguration<Leader>
{
    public void Configure(EntityTypeBuilder<Leader> b)
    {
        b.ToTable("Leaders");
        b.HasKey(x => x.Id);
        b.Property(x => x.UserName).HasMaxLength(256);
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Title).HasMaxLength(400); // the office in both languages, as JSON
        b.PrimitiveCollection(x => x.Chains);
        b.HasIndex(x => x.UserName).IsUnique();
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> b)
    {
        b.ToTable("Teams");
        b.HasKey(x => x.Id);
        // Both languages of a 200-character name, as JSON (ADR 024); 800 keeps the unique index within SQL Server's key size.
        b.Property(x => x.Name).HasMaxLength(800);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.LeadUserName).HasMaxLength(256);
        b.Ignore(x => x.RoleName);
        b.HasIndex(x => x.Name).IsUnique();
        b.HasMany(x => x.Members).WithOne().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Leader>().WithMany().HasForeignKey(x => x.LeaderId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> b)
    {
        b.ToTable("TeamMembers");
        b.HasKey(x => new { x.TeamId, x.UserName });
        b.Property(x => x.UserName).HasMaxLength(256);
        b.HasIndex(x => x.UserName);
    }
}

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> b)
    {
        b.ToTable("Leads");
        b.HasKey(x => x.Id);
        b.Property(x => x.Source).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Company).HasMaxLength(200);
        b.Property(x => x.ChainCode).HasMaxLength(50);
        b.Property(x => x.IntendedInvestment).HasPrecision(18, 2);
        b.Property(x => x.Contact).HasMaxLength(200);
        b.Property(x => x.Owner).HasMaxLength(256);
        b.Property(x => x.Note).HasMaxLength(4000);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.Property(x => x.Revision).IsConcurrencyToken();
        b.HasIndex(x => x.ReceivedOn);
        b.HasIndex(x => new { x.Status, x.Owner });
        b.HasOne<IndustryChain>().WithMany().HasForeignKey(x => x.ChainCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PromotionActivityConfiguration : IEntityTypeConfiguration<PromotionActivity>
{
    public void Configure(EntityTypeBuilder<PromotionActivity> b)
    {
        b.ToTable("PromotionActivities");
        b.HasKey(x => x.Id);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.People).HasMaxLength(1000);
        b.Property(x => x.Place).HasMaxLength(200);
        b.Property(x => x.Note).HasMaxLength(4000);
        b.Property(x => x.RecordedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.Kind, x.Date });
        b.HasIndex(x => x.LeadId);
        b.HasOne<Lead>().WithMany().HasForeignKey(x => x.LeadId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> b)
    {
        b.ToTable("Projects");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Company).HasMaxLength(200);
        b.Property(x => x.ChainCode).HasMaxLength(50);
        b.Property(x => x.PlannedInvestment).HasPrecision(18, 2);
        b.Property(x => x.Stage).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Closing).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.Property(x => x.Revision).IsConcurrencyToken();
        b.Ignore(x => x.HasStarted);
        b.HasIndex(x => x.ContractDate);
        b.HasIndex(x => x.LeaderId);
        b.HasIndex(x => x.SquadId);
        b.HasIndex(x => x.PipelineInstanceId);
        b.HasOne<IndustryChain>().WithMany().HasForeignKey(x => x.ChainCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Leader>().WithMany().HasForeignKey(x => x.LeaderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Team>().WithMany().HasForeignKey(x => x.SquadId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InvestmentEntryConfiguration : IEntityTypeConfiguration<InvestmentEntry>
{
    public void Configure(EntityTypeBuilder<InvestmentEntry> b)
    {
        b.ToTable("InvestmentEntries");
        b.HasKey(x => x.Id);
        b.Property(x => x.Amount).HasPrecision(18, 2);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.Property(x => x.RecordedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.ProjectId, x.Month }).IsUnique();
        b.HasIndex(x => x.Month);
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProblemConfiguration : IEntityTypeConfiguration<Problem>
{
    public void Configure(EntityTypeBuilder<Problem> b)
    {
        b.ToTable("Problems");
        b.HasKey(x => x.Id);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Title).HasMaxLength(800);
        b.Property(x => x.Description).HasMaxLength(4000);
        b.Property(x => x.RaisedBy).HasMaxLength(256);
        b.Property(x => x.Owner).HasMaxLength(256);
        b.Property(x => x.Resolution).HasMaxLength(4000);
        b.Property(x => x.ResolvedBy).HasMaxLength(256);
        b.Property(x => x.Revision).IsConcurrencyToken();
        b.HasIndex(x => new { x.ProjectId, x.Status });
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> b)
    {
        b.ToTable("LedgerEntries");
        b.HasKey(x => x.Id);
        b.Property(x => x.Actor).HasMaxLength(256);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Text).HasMaxLength(4000);
        b.HasIndex(x => new { x.ProjectId, x.At });
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DispatchConfiguration : IEntityTypeConfiguration<Dispatch>
{
    public void Configure(EntityTypeBuilder<Dispatch> b)
    {
        b.ToTable("Dispatches");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.LeaderId, x.WeekOf }).IsUnique();
        b.HasIndex(x => x.WeekOf);
        b.HasOne<Leader>().WithMany().HasForeignKey(x => x.LeaderId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Decisions).WithOne().HasForeignKey(d => d.DispatchId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DispatchDecisionConfiguration : IEntityTypeConfiguration<DispatchDecision>
{
    public void Configure(EntityTypeBuilder<DispatchDecision> b)
    {
        b.ToTable("DispatchDecisions");
        b.HasKey(x => x.Id);
        b.Property(x => x.Item).HasMaxLength(100);
        b.Property(x => x.Text).HasMaxLength(2000);
        b.Property(x => x.Assignee).HasMaxLength(256);
        b.Property(x => x.RecordedBy).HasMaxLength(256);
    }
}

internal sealed class DispatchRunConfiguration : IEntityTypeConfiguration<DispatchRun>
{
    public void Configure(EntityTypeBuilder<DispatchRun> b)
    {
        b.ToTable("DispatchRuns");
        b.HasKey(x => x.WeekOf);
    }
}
