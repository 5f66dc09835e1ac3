using Butler.Workflows.Definitions;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Butler.Workflows.Persistence;

internal sealed class DefinitionVersionConfiguration : IEntityTypeConfiguration<WorkflowDefinitionVersion>
{
    public void Configure(EntityTypeBuilder<WorkflowDefinitionVersion> b)
    {
        b.ToTable("DefinitionVersions");
        b.HasKey(x => new { x.DefinitionId, x.Version });
        b.Property(x => x.DefinitionId).HasMaxLength(100);
        // Both languages of a 200-character name, as JSON (ADR 024).
        b.Property(x => x.Name).HasMaxLength(1000);
        b.Property(x => x.Description);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.Property(x => x.PublishedBy).HasMaxLength(256);
        b.Property(x => x.Revision).IsConcurrencyToken();
        b.HasIndex(x => new { x.DefinitionId, x.IsPublished });
    }
}

internal sealed class InstanceConfiguration : IEntityTypeConfiguration<WorkflowInstance>
{
    public void Configure(EntityTypeBuilder<WorkflowInstance> b)
    {
        b.ToTable("Instances");
        b.HasKey(x => x.Id);
        b.Property(x => x.DefinitionId).HasMaxLength(100);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.Property(x => x.CorrelationId).HasMaxLength(100);
        b.Property(x => x.Revision).IsConcurrencyToken();
        b.HasIndex(x => new { x.DefinitionId, x.Version });
        b.HasIndex(x => x.Status);
        b.HasIndex(x => x.CorrelationId);
    }
}

internal sealed class BookmarkConfiguration : IEntityTypeConfiguration<Bookmark>
{
    public void Configure(EntityTypeBuilder<Bookmark> b)
    {
        b.ToTable("Bookmarks");
        b.HasKey(x => x.Id);
        b.Property(x => x.ActivityId).HasMaxLength(100);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasIndex(x => x.InstanceId);
        b.HasIndex(x => x.WorkItemId);
        b.HasOne<WorkflowInstance>().WithMany().HasForeignKey(x => x.InstanceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkItemConfiguration : IEntityTypeConfiguration<WorkItem>
{
    public void Configure(EntityTypeBuilder<WorkItem> b)
    {
        b.ToTable("WorkItems");
        b.HasKey(x => x.Id);
        b.Property(x => x.ActivityId).HasMaxLength(100);
        // Both languages of a 500-character title, as JSON (ADR 024).
        b.Property(x => x.Title).HasMaxLength(4000);
        b.Property(x => x.AssigneeUser).HasMaxLength(256);
        b.Property(x => x.AssigneeRole).HasMaxLength(256);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.CompletedBy).HasMaxLength(256);
        b.Property(x => x.Outcome).HasMaxLength(100);
        b.Property(x => x.Comment).HasMaxLength(4000);
        b.Property(x => x.Kind).HasMaxLength(30);
        b.Property(x => x.ClaimedBy).HasMaxLength(256);
        b.Property(x => x.DelegatedTo).HasMaxLength(256);
        b.Ignore(x => x.Owner);
        b.Property(x => x.Revision).IsConcurrencyToken();
        b.HasIndex(x => x.InstanceId);
        b.HasIndex(x => new { x.Status, x.AssigneeUser });
        b.HasIndex(x => new { x.Status, x.AssigneeRole });
        b.HasIndex(x => new { x.Status, x.DelegatedTo });
        b.HasOne<WorkflowInstance>().WithMany().HasForeignKey(x => x.InstanceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TaskNoteConfiguration : IEntityTypeConfiguration<TaskNote>
{
    public void Configure(EntityTypeBuilder<TaskNote> b)
    {
        b.ToTable("TaskNotes");
        b.HasKey(x => x.Id);
        b.Property(x => x.Author).HasMaxLength(256);
        b.Property(x => x.Text).HasMaxLength(TaskNotes.MaxLength);
        b.HasIndex(x => x.WorkItemId);
        b.HasOne<WorkItem>().WithMany().HasForeignKey(x => x.WorkItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CarbonCopyConfiguration : IEntityTypeConfiguration<CarbonCopy>
{
    public void Configure(EntityTypeBuilder<CarbonCopy> b)
    {
        b.ToTable("CarbonCopies");
        b.HasKey(x => x.Id);
        b.Property(x => x.ActivityId).HasMaxLength(100);
        b.Property(x => x.Title).HasMaxLength(4000);
        b.Property(x => x.Recipient).HasMaxLength(256);
        b.Property(x => x.CopiedBy).HasMaxLength(256);
        b.Property(x => x.Comment).HasMaxLength(4000);
        b.Ignore(x => x.IsRead);
        b.HasIndex(x => new { x.Recipient, x.ReadAt });
        b.HasIndex(x => x.WorkItemId);
        b.HasIndex(x => x.ApprovalId);
        b.HasOne<WorkflowInstance>().WithMany().HasForeignKey(x => x.InstanceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TaskAttachmentConfiguration : IEntityTypeConfiguration<TaskAttachment>
{
    public void Configure(EntityTypeBuilder<TaskAttachment> b)
    {
        b.ToTable("TaskAttachments");
        b.HasKey(x => x.Id);
        b.Property(x => x.FileName).HasMaxLength(255);
        b.Property(x => x.StoredName).HasMaxLength(100);
        b.Property(x => x.ContentType).HasMaxLength(200);
        b.Property(x => x.UploadedBy).HasMaxLength(256);
        b.HasIndex(x => x.WorkItemId);
        b.HasIndex(x => x.StoredName).IsUnique();
        b.HasOne<WorkItem>().WithMany().HasForeignKey(x => x.WorkItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class JournalConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> b)
    {
        b.ToTable("Journal");
        b.HasKey(x => x.Id);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
        b.Property(x => x.ActivityId).HasMaxLength(100);
        b.Property(x => x.ActivityType).HasMaxLength(100);
        b.Property(x => x.Actor).HasMaxLength(256);
        b.Property(x => x.OnBehalfOf).HasMaxLength(256);
        b.Property(x => x.Outcome).HasMaxLength(100);
        b.Property(x => x.Comment).HasMaxLength(4000);
        b.HasIndex(x => new { x.InstanceId, x.Sequence }).IsUnique();
        b.HasOne<WorkflowInstance>().WithMany().HasForeignKey(x => x.InstanceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> b)
    {
        b.ToTable("Incidents");
        b.HasKey(x => x.Id);
        b.Property(x => x.ActivityId).HasMaxLength(100);
        b.Property(x => x.Kind).HasMaxLength(50);
        b.Property(x => x.Message).HasMaxLength(4000);
        b.Property(x => x.Expression).HasMaxLength(4000);
        b.HasIndex(x => x.InstanceId);
        b.HasOne<WorkflowInstance>().WithMany().HasForeignKey(x => x.InstanceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProcessedStimulusConfiguration : IEntityTypeConfiguration<ProcessedStimulus>
{
    public void Configure(EntityTypeBuilder<ProcessedStimulus> b)
    {
        b.ToTable("ProcessedStimuli");
        b.HasKey(x => x.Key);
        b.Property(x => x.Key).HasMaxLength(200);
        b.Property(x => x.Kind).HasMaxLength(50);
        b.Property(x => x.Fingerprint).HasMaxLength(64);
        b.Property(x => x.ResponseContentType).HasMaxLength(200);
        b.Property(x => x.ResponseLocation).HasMaxLength(2000);
    }
}

internal sealed class ApprovalConfiguration : IEntityTypeConfiguration<Approval>
{
    public void Configure(EntityTypeBuilder<Approval> b)
    {
        b.ToTable("Approvals");
        b.HasKey(x => x.Id);
        b.Ignore(x => x.Approvers);
        b.Ignore(x => x.Outcomes);
        b.Ignore(x => x.Signers);
        b.Property(x => x.ActivityId).HasMaxLength(100);
        b.Property(x => x.Title).HasMaxLength(4000);
        b.Property(x => x.Reason);
        b.Property(x => x.Mode).HasMaxLength(20);
        b.Property(x => x.SignersJson).HasDefaultValue("[]");
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Outcome).HasMaxLength(100);
        b.Property(x => x.Revision).IsConcurrencyToken();
        b.HasIndex(x => x.InstanceId);
        b.HasIndex(x => new { x.Status, x.EscalatedTaskId });
        b.HasOne<WorkflowInstance>().WithMany().HasForeignKey(x => x.InstanceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApprovalVoteConfiguration : IEntityTypeConfiguration<ApprovalVote>
{
    public void Configure(EntityTypeBuilder<ApprovalVote> b)
    {
        b.ToTable("ApprovalVotes");
        b.HasKey(x => x.Id);
        b.Property(x => x.Approver).HasMaxLength(256);
        b.Property(x => x.CastBy).HasMaxLength(256);
        b.Property(x => x.Outcome).HasMaxLength(100);
        b.Property(x => x.Comment).HasMaxLength(4000);
        b.Property(x => x.ReassignTo).HasMaxLength(256);
        // One vote per approver: a second decision by the same person is refused by the database too.
        b.HasIndex(x => new { x.ApprovalId, x.Approver }).IsUnique();
        b.HasOne<Approval>().WithMany().HasForeignKey(x => x.ApprovalId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TimerConfiguration : IEntityTypeConfiguration<Scheduling.DurableTimer>
{
    public void Configure(EntityTypeBuilder<Scheduling.DurableTimer> b)
    {
        b.ToTable("Timers");
        b.HasKey(x => x.Id);
        b.Property(x => x.ActivityId).HasMaxLength(100);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.JobId).HasMaxLength(100);
        b.HasIndex(x => new { x.Status, x.DueAt });
        b.HasIndex(x => x.WorkItemId);
        b.HasIndex(x => x.ApprovalId);
        b.HasIndex(x => x.BookmarkId);
        b.HasIndex(x => x.InstanceId);
        b.HasOne<WorkflowInstance>().WithMany().HasForeignKey(x => x.InstanceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<Notifications.OutboxMessage>
{
    public void Configure(EntityTypeBuilder<Notifications.OutboxMessage> b)
    {
        b.ToTable("Outbox");
        b.HasKey(x => x.Id);
        b.Property(x => x.DedupKey).HasMaxLength(300);
        b.HasIndex(x => x.DedupKey).IsUnique();
        b.Property(x => x.Recipient).HasMaxLength(320);
        b.Property(x => x.RecipientName).HasMaxLength(200);
        b.Property(x => x.Subject).HasMaxLength(500);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.LastError).HasMaxLength(2000);
        b.HasIndex(x => new { x.Status, x.NextAttemptAt });
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notifications.Notification>
{
    public void Configure(EntityTypeBuilder<Notifications.Notification> b)
    {
        b.ToTable("Notifications");
        b.HasKey(x => x.Id);
        b.Property(x => x.DedupKey).HasMaxLength(300);
        b.HasIndex(x => x.DedupKey).IsUnique();
        b.Property(x => x.UserName).HasMaxLength(256);
        b.Property(x => x.Kind).HasMaxLength(50);
        b.Property(x => x.Title).HasMaxLength(500);
        b.Property(x => x.Body).HasMaxLength(4000);
        b.Property(x => x.Link).HasMaxLength(1000);
        b.HasIndex(x => new { x.UserName, x.CreatedAt });
    }
}

internal sealed class CalendarConfiguration : IEntityTypeConfiguration<Calendar.WorkCalendarRecord>
{
    public void Configure(EntityTypeBuilder<Calendar.WorkCalendarRecord> b)
    {
        b.ToTable("Calendars");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasMaxLength(50);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.UpdatedBy).HasMaxLength(256);
        b.Property(x => x.Revision).IsConcurrencyToken();
    }
}
