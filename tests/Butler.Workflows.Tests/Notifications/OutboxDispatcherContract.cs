using Butler.TestSupport;
using Butler.Workflows.Notifications;
using Butler.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Xunit;

namespace Butler.Workflows.Tests.Notifications;

/// <summary>Outbox delivery through a real SMTP server; every database the engine runs on must pass all of it.</summary>
public abstract class OutboxDispatcherContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Epoch = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(Epoch);
    private SmtpTestServer _smtp = null!;
    private readonly string _pickup = Path.Combine(Path.GetTempPath(), "butler-tests", "mail-" + Guid.NewGuid().ToString("N"));
    private TestDatabase _database = null!;

    protected abstract DatabaseProvider Provider { get; }

    private OutboxDispatcher Dispatcher => _database.Get<OutboxDispatcher>();

    private OutboxDispatcherOptions Options => _database.Get<IOptions<OutboxDispatcherOptions>>().Value;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartNewAsync();
        _database = await TestDatabase.CreateAsync(Provider, _time, Configure, prefix: "outbox");
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await _smtp.DisposeAsync();
        if (Directory.Exists(_pickup))
        {
            Directory.Delete(_pickup, recursive: true);
        }
    }

    private void Configure(IServiceCollection services) =>
        services.AddButlerNotifications(new SmtpOptions { Host = SmtpTestServer.Host, Port = _smtp.Port, Security = SmtpSecurity.None, Timeout = Patience }, _pickup);

    /// <summary>Writes one reminder mail per key, as the runner does, and commits it.</summary>
    private async Task<List<Guid>> WriteAsync(int count, string email = "li@butler.example")
    {
        var writer = _database.Get<OutboxWriter>();
        await using var db = _database.CreateDbContext();
        for (var i = 0; i < count; i++)
        {
            var model = new NotificationModel(NotificationKind.Reminder, $"任务 {i}", Guid.NewGuid(), TaskId: Guid.NewGuid(), DueAt: Epoch.AddDays(1));
            await writer.AddAsync(db, new Recipient("squad", "李明", email, "zh-CN"), model, $"reminder:{Guid.NewGuid():N}", _time.GetUtcNow(), null);
        }
        var ids = db.ChangeTracker.Entries<OutboxMessage>().Select(e => e.Entity.Id).ToList();
        await db.SaveChangesAsync();
        return ids;
    }

    private async Task<List<OutboxMessage>> RowsAsync()
    {
        await using var db = _database.CreateDbContext();
        return await db.Outbox.AsNoTracking().OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync();
    }

    /// <summary>Dispatches until a run sends nothing, as the recurring job would over time.</summary>
    private static async Task DrainAsync(OutboxDispatcher dispatcher)
    {
        for (var round = 0; round < 100 && await dispatcher.DispatchDueAsync(CancellationToken.None) > 0; round++)
        {
        }
    }

    private static string MessageId(Guid id) => OutboxMailComposer.MessageIdOf(id, "localhost");

    [Fact]
    public async Task A_due_message_is_sent_once_and_marked_sent()
    {
        var id = (await WriteAsync(1)).Single();

        Assert.Equal(1, await Dispatcher.DispatchDueAsync(CancellationToken.None));
        Assert.Equal(0, await Dispatcher.DispatchDueAsync(CancellationToken.None));

        var received = Assert.Single(_smtp.Messages);
        Assert.Equal(MessageId(id), received.MessageId);
        Assert.Equal("任务即将到期：任务 0", received.Subject);
        Assert.Equal("li@butler.example", Assert.Single(received.To.Mailboxes).Address);
        Assert.Equal("butler@localhost", Assert.Single(received.From.Mailboxes).Address);
        Assert.Contains("任务 0", received.TextBody, StringComparison.Ordinal);
        Assert.Contains("<html", received.HtmlBody, StringComparison.Ordinal);
        var row = Assert.Single(await RowsAsync());
        Assert.Equal((OutboxStatus.Sent, 1, (DateTimeOffset?)Epoch, (DateTimeOffset?)null, (string?)null),
            (row.Status, row.Attempts, row.SentAt, row.LeaseUntil, row.LastError));
    }

    [Fact]
    public async Task Dispatching_one_message_sends_it_only_while_it_is_due_and_unsent()
    {
        var id = (await WriteAsync(1)).Single();

        Assert.True(await Dispatcher.DispatchOneAsync(id, CancellationToken.None));
        Assert.False(await Dispatcher.DispatchOneAsync(id, CancellationToken.None));
        Assert.False(await Dispatcher.DispatchOneAsync(Guid.NewGuid(), CancellationToken.None));

        Assert.Single(_smtp.Messages);
    }

    [Fact]
    public async Task While_the_mail_server_is_down_a_message_stays_pending_with_growing_back_off()
    {
        var id = (await WriteAsync(1)).Single();
        await _smtp.StopAsync();

        Assert.Equal(0, await Dispatcher.DispatchDueAsync(CancellationToken.None));
        var row = Assert.Single(await RowsAsync());
        Assert.Equal((id, OutboxStatus.Pending, 1, Epoch.AddSeconds(5), (DateTimeOffset?)null), (row.Id, row.Status, row.Attempts, row.NextAttemptAt, row.LeaseUntil));
        Assert.StartsWith("SocketException", row.LastError, StringComparison.Ordinal);

        // Not due yet: nobody touches it.
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, await Dispatcher.DispatchDueAsync(CancellationToken.None));
        Assert.Equal(1, Assert.Single(await RowsAsync()).Attempts);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await Dispatcher.DispatchDueAsync(CancellationToken.None));
        row = Assert.Single(await RowsAsync());
        Assert.Equal((OutboxStatus.Pending, 2, Epoch.AddSeconds(5 + 10)), (row.Status, row.Attempts, row.NextAttemptAt));

        // However long the outage, the message is never given up on, and the wait stops growing at the cap.
        for (var i = 0; i < Options.MaxAttempts + 5; i++)
        {
            _time.Advance(Options.BackoffCap);
            await Dispatcher.DispatchDueAsync(CancellationToken.None);
        }
        row = Assert.Single(await RowsAsync());
        Assert.Equal(OutboxStatus.Pending, row.Status);
        Assert.True(row.Attempts > Options.MaxAttempts, $"{row.Attempts} attempts");
        Assert.Equal(_time.GetUtcNow() + Options.BackoffCap, row.NextAttemptAt);
        Assert.Empty(_smtp.Messages);
    }

    [Fact]
    public async Task After_an_outage_every_waiting_message_arrives_exactly_once()
    {
        var before = await WriteAsync(3);
        Assert.Equal(3, await Dispatcher.DispatchDueAsync(CancellationToken.None));

        await _smtp.StopAsync();
        var during = await WriteAsync(10);
        for (var round = 0; round < 5; round++)
        {
            Assert.Equal(0, await Dispatcher.DispatchDueAsync(CancellationToken.None));
            _time.Advance(TimeSpan.FromSeconds(30));
        }
        var waiting = (await RowsAsync()).Where(r => during.Contains(r.Id)).ToList();
        Assert.All(waiting, r => Assert.Equal(OutboxStatus.Pending, r.Status));
        Assert.Contains(waiting, r => r.Attempts > 0);

        await _smtp.StartAsync();
        _time.Advance(Options.BackoffCap);
        await DrainAsync(Dispatcher);
        _time.Advance(Options.BackoffCap);
        Assert.Equal(0, await Dispatcher.DispatchDueAsync(CancellationToken.None));

        var ids = _smtp.Messages.Select(m => m.MessageId).ToList();
        Assert.Equal(13, ids.Count);
        Assert.Equal(before.Concat(during).Select(MessageId).Order(), ids.Order());
        Assert.All(await RowsAsync(), r => Assert.Equal(OutboxStatus.Sent, r.Status));
    }

    [Fact]
    public async Task Two_hosts_dispatching_at_once_deliver_each_of_50_messages_exactly_once()
    {
        var ids = await WriteAsync(50);
        await using var otherHost = _database.CreateAnotherHost(_time, Configure);
        var other = otherHost.GetRequiredService<OutboxDispatcher>();

        var sentByEach = 0;
        for (var round = 0; round < 20; round++)
        {
            // Both select the same due messages and then compete for each one.
            var sent = await Task.WhenAll(
                Task.Run(() => Dispatcher.DispatchDueAsync(CancellationToken.None)),
                Task.Run(() => other.DispatchDueAsync(CancellationToken.None)));
            sentByEach += sent.Sum();
            if (sent.Sum() == 0)
            {
                break;
            }
        }

        var received = await _smtp.WaitForCountAsync(50, Patience);
        Assert.Equal(50, sentByEach);
        Assert.Equal(50, received.Count);
        Assert.Equal(ids.Select(MessageId).Order(), received.Select(m => m.MessageId).Order());
        Assert.All(await RowsAsync(), r => Assert.Equal((OutboxStatus.Sent, 1), (r.Status, r.Attempts)));
    }

    [Fact]
    public async Task A_message_held_by_a_host_that_died_is_taken_over_once_its_lease_expires()
    {
        var id = (await WriteAsync(1)).Single();
        await using (var db = _database.CreateDbContext())
        {
            // What a host leaves behind when it dies between claiming and recording.
            var leaseUntil = _time.GetUtcNow() + Options.LeaseDuration;
            await db.Outbox.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sending)
                .SetProperty(m => m.LeaseUntil, leaseUntil)
                .SetProperty(m => m.Attempts, 1));
        }

        Assert.Equal(0, await Dispatcher.DispatchDueAsync(CancellationToken.None));
        _time.Advance(Options.LeaseDuration);
        Assert.Equal(0, await Dispatcher.DispatchDueAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await Dispatcher.DispatchDueAsync(CancellationToken.None));

        Assert.Equal(MessageId(id), Assert.Single(_smtp.Messages).MessageId);
        Assert.Equal((OutboxStatus.Sent, 2), (Assert.Single(await RowsAsync()).Status, Assert.Single(await RowsAsync()).Attempts));
    }

    [Fact]
    public async Task A_malformed_address_fails_its_message_at_once_without_holding_up_the_others()
    {
        var bad = (await WriteAsync(1, email: "not an address")).Single();
        var good = (await WriteAsync(1)).Single();

        Assert.Equal(1, await Dispatcher.DispatchDueAsync(CancellationToken.None));

        var rows = await RowsAsync();
        var failed = rows.Single(r => r.Id == bad);
        Assert.Equal((OutboxStatus.Failed, 1), (failed.Status, failed.Attempts));
        Assert.StartsWith("ParseException", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(OutboxStatus.Sent, rows.Single(r => r.Id == good).Status);
        Assert.Equal(MessageId(good), Assert.Single(_smtp.Messages).MessageId);

        _time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await Dispatcher.DispatchDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_batch_takes_at_most_BatchSize_messages_oldest_first()
    {
        var first = await WriteAsync(Options.BatchSize);
        _time.Advance(TimeSpan.FromSeconds(1));
        var later = await WriteAsync(3);

        Assert.Equal(Options.BatchSize, await Dispatcher.DispatchDueAsync(CancellationToken.None));
        Assert.Equal(first.Select(MessageId).Order(), _smtp.Messages.Select(m => m.MessageId).Order());
        Assert.Equal(3, await Dispatcher.DispatchDueAsync(CancellationToken.None));
        Assert.Equal(first.Concat(later).Select(MessageId).Order(), _smtp.Messages.Select(m => m.MessageId).Order());
    }
}

public sealed class SqliteOutboxDispatcherTests : OutboxDispatcherContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Collection(PostgresFixture.Collection)]
[Trait("Category", "Postgres")]
public sealed class PostgresOutboxDispatcherTests : OutboxDispatcherContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
