using Butler.Workflows.Definitions;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Butler.Workflows.Persistence;

/// <summary>The engine's EF Core model; one subclass per provider carries that provider's migrations.</summary>
public abstract class ButlerDbContext(DbContextOptions options) : DbContext(options)
{
    public const string Schema = "butler";

    public DbSet<WorkflowDefinitionVersion> DefinitionVersions => Set<WorkflowDefinitionVersion>();
    public DbSet<WorkflowInstance> Instances => Set<WorkflowInstance>();
    public DbSet<Bookmark> Bookmarks => Set<Bookmark>();
    public DbSet<WorkItem> WorkItems => Set<WorkItem>();
    public DbSet<TaskNote> TaskNotes => Set<TaskNote>();
    public DbSet<TaskAttachment> TaskAttachments => Set<TaskAttachment>();
    public DbSet<CarbonCopy> CarbonCopies => Set<CarbonCopy>();
    public DbSet<JournalEntry> Journal => Set<JournalEntry>();
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<ProcessedStimulus> ProcessedStimuli => Set<ProcessedStimulus>();
    public DbSet<Approval> Approvals => Set<Approval>();
    public DbSet<ApprovalVote> ApprovalVotes => Set<ApprovalVote>();
    public DbSet<Scheduling.DurableTimer> Timers => Set<Scheduling.DurableTimer>();
    public DbSet<Notifications.OutboxMessage> Outbox => Set<Notifications.OutboxMessage>();
    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();
    public DbSet<Calendar.WorkCalendarRecord> Calendars => Set<Calendar.WorkCalendarRecord>();

    public abstract DatabaseProvider Provider { get; }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpRevisions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpRevisions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Marks a versioned entity changed without changing anything else, so the save fails if someone changed it since
    /// it was read: what was decided on its state (a task is open, a vote is the last) cannot race a change of it.
    /// </summary>
    public void Touch(IVersioned entity) => Entry(entity).Property(nameof(IVersioned.Revision)).IsModified = true;

    /// <summary>One convention instead of a bump in every caller: a changed versioned row gets the next revision.</summary>
    private void BumpRevisions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State != EntityState.Modified)
            {
                continue;
            }
            var revision = entry.Property(e => e.Revision);
            if (revision.CurrentValue == revision.OriginalValue)
            {
                revision.CurrentValue = revision.OriginalValue + 1;
            }
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        if (Provider != DatabaseProvider.Sqlite)
        {
            modelBuilder.HasDefaultSchema(Schema);
        }
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ButlerDbContext).Assembly,
            t => t.Namespace == typeof(ButlerDbContext).Namespace);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        // SQLite has no native date type; UTC ticks keep ordering and comparisons in SQL there.
        configurationBuilder.StoreTimesInUtc(asTicks: Provider == DatabaseProvider.Sqlite).StoreTextsInBothLanguages();
}
