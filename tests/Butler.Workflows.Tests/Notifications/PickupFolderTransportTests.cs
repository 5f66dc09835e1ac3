using Butler.TestSupport;
using Butler.Workflows.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Xunit;

namespace Butler.Workflows.Tests.Notifications;

public sealed class PickupFolderTransportTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Epoch = new(2026, 3, 2, 1, 30, 5, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Epoch);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "butler-tests", "pickup-" + Guid.NewGuid().ToString("N"), "mail");
    private TestDatabase _database = null!;

    public async Task InitializeAsync() =>
        _database = await TestDatabase.CreateSqliteAsync(_time, services => services.AddButlerNotifications(smtp: null, _folder));

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        var root = Path.GetDirectoryName(_folder)!;
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Without_an_smtp_host_mail_is_written_to_the_pickup_folder_as_parseable_eml_files()
    {
        Assert.IsType<PickupFolderTransport>(_database.Get<IMailTransport>());
        Guid id;
        await using (var db = _database.CreateDbContext())
        {
            var model = new NotificationModel(NotificationKind.Escalation, "<签约> & 材料", Guid.NewGuid(), OverdueWorkingDays: 2);
            await _database.Get<OutboxWriter>().AddAsync(db, new Recipient("leader", "王区长", "wang@butler.example", "zh-CN"), model, "esc:1", Epoch, null);
            id = db.ChangeTracker.Entries<OutboxMessage>().Single().Entity.Id;
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, await _database.Get<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None));

        var file = Assert.Single(Directory.GetFiles(_folder));
        Assert.Equal($"20260302-013005-{id:N}.eml", Path.GetFileName(file));
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("任务已逾期 2 个工作日：<签约> & 材料", message.Subject);
        Assert.Equal(OutboxMailComposer.MessageIdOf(id, "localhost"), message.MessageId);
        var to = Assert.Single(message.To.Mailboxes);
        Assert.Equal(("王区长", "wang@butler.example"), (to.Name, to.Address));
        Assert.Equal("multipart/alternative", message.Body?.ContentType.MimeType);
        Assert.Contains("「<签约> & 材料」已逾期 2 个工作日", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("&lt;签约&gt; &amp; 材料", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_message_is_written_once_and_no_temporary_file_is_left()
    {
        var transport = new PickupFolderTransport(_folder, _time);
        var message = new OutboxMailComposer().Compose(new OutboxMessage
        {
            Id = Guid.NewGuid(),
            Recipient = "li@butler.example",
            Subject = "s",
            TextBody = "t",
            HtmlBody = "<p>h</p>",
            CreatedAt = Epoch,
        });

        await transport.SendAsync(message, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));
        await transport.SendAsync(message, CancellationToken.None);

        Assert.Single(Directory.GetFiles(_folder, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_title_stored_with_control_characters_still_makes_a_mail_with_one_line_subject_and_no_added_header()
    {
        await using (var db = _database.CreateDbContext())
        {
            // Stored before the input rules: the name of a project as an e-mail subject and body.
            var model = new NotificationModel(NotificationKind.Escalation, "坏\u0000名\u0001\r\nBcc: spy@evil.example", Guid.NewGuid(), OverdueWorkingDays: 2);
            await _database.Get<OutboxWriter>().AddAsync(db, new Recipient("leader", "王区长", "wang@butler.example", "zh-CN"), model, "esc:cc", Epoch, null);
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, await _database.Get<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None));

        var message = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(_folder)));
        Assert.DoesNotContain(message.Subject ?? "", char.IsControl);
        Assert.Contains("坏\uFFFD名\uFFFD", message.Subject, StringComparison.Ordinal);
        Assert.Empty(message.Bcc);
        Assert.DoesNotContain("\u0000", message.TextBody ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("\u0001", message.HtmlBody ?? "", StringComparison.Ordinal);
    }
}
