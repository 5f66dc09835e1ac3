using Butler.TestSupport;
using Butler.Workflows.Notifications;
using Butler.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Butler.Workflows.Tests.Persistence;

/// <summary>
/// Times reach every database in UTC by the model's convention (<see cref="UtcTimeConvention"/>), whatever offset the
/// caller holds: Beijing time from the calendar or a client, written, read back and compared in SQL.
/// </summary>
public abstract class UtcTimeContract : IAsyncLifetime
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private TestDatabase _db = null!;

    protected abstract DatabaseProvider Provider { get; }

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(Provider, prefix: "utc");

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static Notification Note(string key, DateTimeOffset createdAt, DateTimeOffset? readAt = null) =>
        new() { Id = Guid.NewGuid(), DedupKey = key, UserName = "ann", Kind = "Reminder", Title = key, CreatedAt = createdAt, ReadAt = readAt };

    [Fact]
    public async Task A_time_in_Beijing_time_is_stored_and_read_back_as_the_same_instant_in_UTC()
    {
        var at = new DateTimeOffset(2026, 3, 2, 9, 30, 0, Beijing);
        await using (var db = _db.CreateDbContext())
        {
            db.Notifications.Add(Note("beijing", at, at.AddHours(1)));
            await db.SaveChangesAsync();
        }

        await using var read = _db.CreateDbContext();
        var stored = await read.Notifications.SingleAsync();
        Assert.Equal((at, at.AddHours(1)), (stored.CreatedAt, stored.ReadAt));
        Assert.Equal((TimeSpan.Zero, TimeSpan.Zero), (stored.CreatedAt.Offset, stored.ReadAt!.Value.Offset));
    }

    [Fact]
    public async Task A_query_compares_stored_times_with_a_parameter_in_Beijing_time()
    {
        var nineThirtyInBeijing = new DateTimeOffset(2026, 3, 2, 9, 30, 0, Beijing);
        // Stored in UTC, so only the parameters below carry another offset.
        await using (var db = _db.CreateDbContext())
        {
            db.Notifications.AddRange(
                Note("before", new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero)),
                Note("same", new DateTimeOffset(2026, 3, 2, 1, 30, 0, TimeSpan.Zero), readAt: new DateTimeOffset(2026, 3, 2, 1, 40, 0, TimeSpan.Zero)),
                Note("after", new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero)));
            await db.SaveChangesAsync();
        }

        await using var query = _db.CreateDbContext();
        Assert.Equal(["same", "after"], await query.Notifications.Where(n => n.CreatedAt >= nineThirtyInBeijing).OrderBy(n => n.CreatedAt).Select(n => n.DedupKey).ToListAsync());
        Assert.Equal(["before"], await query.Notifications.Where(n => n.CreatedAt < nineThirtyInBeijing).Select(n => n.DedupKey).ToListAsync());
        Assert.Equal(["same"], await query.Notifications.Where(n => n.CreatedAt == nineThirtyInBeijing).Select(n => n.DedupKey).ToListAsync());
        DateTimeOffset? tenInBeijing = nineThirtyInBeijing.AddMinutes(30);
        Assert.Equal(["same"], await query.Notifications.Where(n => n.ReadAt < tenInBeijing).Select(n => n.DedupKey).ToListAsync());
        var instants = new[] { nineThirtyInBeijing, nineThirtyInBeijing.AddMinutes(30) };
        Assert.Equal(["same", "after"], await query.Notifications.Where(n => instants.Contains(n.CreatedAt)).OrderBy(n => n.CreatedAt).Select(n => n.DedupKey).ToListAsync());

        // A bulk update sets a time from a parameter the same way.
        var updated = await query.Notifications.Where(n => n.ReadAt == null && n.CreatedAt <= nineThirtyInBeijing)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, (DateTimeOffset?)nineThirtyInBeijing));
        Assert.Equal(1, updated);
        var before = await query.Notifications.AsNoTracking().SingleAsync(n => n.DedupKey == "before");
        Assert.Equal(nineThirtyInBeijing, before.ReadAt);
        Assert.Equal(TimeSpan.Zero, before.ReadAt!.Value.Offset);
    }
}

public sealed class SqliteUtcTimeTests : UtcTimeContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

[Collection(PostgresFixture.Collection)]
[Trait("Category", "Postgres")]
public sealed class PostgresUtcTimeTests : UtcTimeContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
