using Butler.TestSupport;
using Butler.Workflows.Notifications;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Butler.Workflows.Tests.Notifications;

public sealed class OutboxWriterTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);
    private static readonly Recipient Li = new("squad", "服务专班 李明", "li@butler.example", "zh-CN");
    private static readonly Recipient Wang = new("leader", "Wang", "wang@butler.example", "en");

    private readonly OutboxWriter _writer = new(new NotificationTemplates());
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateSqliteAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static NotificationModel Reminder(Guid taskId) =>
        new(NotificationKind.Reminder, "代办许可证", Guid.NewGuid(), TaskId: taskId, DueAt: Now.AddHours(4));

    [Fact]
    public async Task The_same_key_twice_stores_one_notification_and_one_mail()
    {
        var model = Reminder(Guid.NewGuid());
        await using (var db = _database.CreateDbContext())
        {
            await _writer.AddAsync(db, Li, model, "reminder:t1:0", Now, "/tasks/t1");
            await _writer.AddAsync(db, Li, model, "reminder:t1:0", Now, "/tasks/t1");
            await db.SaveChangesAsync();
        }
        await using (var db = _database.CreateDbContext())
        {
            // A second run (a retried job, another host) finds the rows in the database and adds nothing.
            await _writer.AddAsync(db, Li, model, "reminder:t1:0", Now.AddMinutes(1), "/tasks/t1");
            Assert.Empty(db.ChangeTracker.Entries());
            await db.SaveChangesAsync();
        }

        await using var check = _database.CreateDbContext();
        var mail = await check.Outbox.SingleAsync();
        var note = await check.Notifications.SingleAsync();
        Assert.Equal("reminder:t1:0:squad:mail", mail.DedupKey);
        Assert.Equal("reminder:t1:0:squad:app", note.DedupKey);
        Assert.Equal((OutboxStatus.Pending, 0, Now, Now), (mail.Status, mail.Attempts, mail.CreatedAt, mail.NextAttemptAt));
        Assert.Equal(("li@butler.example", "服务专班 李明", "任务即将到期：代办许可证"), (mail.Recipient, mail.RecipientName, mail.Subject));
        Assert.Contains("<html", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("代办许可证", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(("squad", "Reminder", "任务即将到期：代办许可证", "/tasks/t1"), (note.UserName, note.Kind, note.Title, note.Link));
        Assert.Equal((model.InstanceId, model.TaskId, Now, (DateTimeOffset?)null), (note.InstanceId, note.TaskId, note.CreatedAt, note.ReadAt));
    }

    [Fact]
    public async Task Nothing_is_stored_until_the_caller_saves_with_its_state_change()
    {
        await using (var db = _database.CreateDbContext())
        {
            await _writer.AddAsync(db, Li, Reminder(Guid.NewGuid()), "reminder:t2:0", Now, null);
            Assert.Equal(2, db.ChangeTracker.Entries().Count());
        }

        await using var check = _database.CreateDbContext();
        Assert.Equal(0, await check.Outbox.CountAsync());
        Assert.Equal(0, await check.Notifications.CountAsync());
    }

    [Fact]
    public async Task Each_recipient_gets_their_own_rows_in_their_own_language()
    {
        var model = Reminder(Guid.NewGuid());
        await using (var db = _database.CreateDbContext())
        {
            await _writer.AddAsync(db, Li, model, "reminder:t3:0", Now, null);
            await _writer.AddAsync(db, Wang, model, "reminder:t3:0", Now, null);
            await db.SaveChangesAsync();
        }

        await using var check = _database.CreateDbContext();
        var mails = await check.Outbox.OrderBy(m => m.DedupKey).ToListAsync();
        var notes = await check.Notifications.OrderBy(n => n.DedupKey).ToListAsync();
        Assert.Equal(["reminder:t3:0:leader:mail", "reminder:t3:0:squad:mail"], mails.Select(m => m.DedupKey));
        Assert.Equal(["Task due soon: 代办许可证", "任务即将到期：代办许可证"], mails.Select(m => m.Subject));
        Assert.Equal(["Task due soon: 代办许可证", "任务即将到期：代办许可证"], notes.Select(n => n.Title));
    }

    [Fact]
    public async Task A_recipient_without_an_email_address_gets_only_the_in_app_notification()
    {
        await using (var db = _database.CreateDbContext())
        {
            await _writer.AddAsync(db, Li with { Email = null }, Reminder(Guid.NewGuid()), "reminder:t4:0", Now, null);
            await _writer.AddAsync(db, Wang with { Email = "  " }, Reminder(Guid.NewGuid()), "reminder:t4:0", Now, null);
            await db.SaveChangesAsync();
        }

        await using var check = _database.CreateDbContext();
        Assert.Equal(0, await check.Outbox.CountAsync());
        Assert.Equal(2, await check.Notifications.CountAsync());
    }

    [Fact]
    public async Task An_overlong_key_fits_the_column_and_stays_distinct()
    {
        var longA = "escalation:" + new string('a', 400) + ":A";
        var longB = "escalation:" + new string('a', 400) + ":B";
        await using (var db = _database.CreateDbContext())
        {
            await _writer.AddAsync(db, Li, Reminder(Guid.NewGuid()), longA, Now, null);
            await _writer.AddAsync(db, Li, Reminder(Guid.NewGuid()), longB, Now, null);
            await _writer.AddAsync(db, Li, Reminder(Guid.NewGuid()), longA, Now, null);
            await db.SaveChangesAsync();
        }

        await using var check = _database.CreateDbContext();
        var keys = await check.Outbox.Select(m => m.DedupKey).ToListAsync();
        Assert.Equal(2, keys.Distinct().Count());
        Assert.All(keys, k => Assert.True(k.Length <= OutboxWriter.MaxDedupKeyLength));
        Assert.Equal(OutboxWriter.Key(longA, "squad", "mail"), OutboxWriter.Key(longA, "squad", "mail"));
    }
}
