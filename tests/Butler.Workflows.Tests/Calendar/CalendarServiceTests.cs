using Butler.TestSupport;
using Butler.Workflows.Calendar;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Butler.Workflows.Tests.Calendar;

public sealed class CalendarServiceTests : IAsyncLifetime
{
    private static readonly DateOnly Monday = new(2026, 9, 21);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero));
    private TestDatabase _db = null!;

    private CalendarService Calendars => _db.Get<CalendarService>();

    public async Task InitializeAsync() => _db = await TestDatabase.CreateSqliteAsync(_time);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static List<CalendarDayInput> ShippedDaysWith(params CalendarDayInput[] extra)
    {
        var days = ShippedCalendars.ChinaMainlandArrangements().Days
            .Select(d => new CalendarDayInput(d.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), d.IsOffDay, d.Name))
            .ToList();
        days.AddRange(extra);
        return days;
    }

    [Fact]
    public async Task Seeding_stores_the_shipped_cn_calendar_once()
    {
        await Calendars.EnsureSeededAsync();
        await Calendars.EnsureSeededAsync();

        var list = await Calendars.ListAsync();
        var cn = Assert.Single(list);
        Assert.Equal("cn", cn.Id);
        Assert.Equal(ShippedCalendars.ChinaMainlandName, cn.Name);
        Assert.Equal([2025, 2026], cn.Years);
        Assert.Equal(33 + 39, cn.DayCount);
        Assert.Equal(1, cn.Revision);
        var stored = await Calendars.ReadAsync("cn");
        Assert.Contains(stored!.Days, d => d.Date == new DateOnly(2026, 9, 20) && !d.IsOffDay && d.Name == "国庆节");
    }

    [Fact]
    public async Task Seeding_loads_calendars_into_the_cache_for_synchronous_callers()
    {
        Assert.Null(Calendars.TryGetCached("cn"));

        await Calendars.EnsureSeededAsync();

        var cn = Calendars.TryGetCached("cn");
        Assert.NotNull(cn);
        Assert.True(cn.IsWorkingDay(new DateOnly(2026, 9, 20)));
    }

    [Fact]
    public async Task Seeding_never_overwrites_an_administrators_edit()
    {
        await Calendars.EnsureSeededAsync();
        var saved = await Calendars.SaveAsync("cn", "Edited", ShippedDaysWith(), [2025, 2026], "admin");
        Assert.True(saved.IsOk);

        await Calendars.EnsureSeededAsync();

        Assert.Equal("Edited", (await Calendars.ReadAsync("cn"))!.Name);
    }

    [Fact]
    public async Task Two_hosts_seeding_at_once_both_succeed_with_one_row()
    {
        await using var other = _db.CreateAnotherHost(_time);

        await Task.WhenAll(Calendars.EnsureSeededAsync(), other.GetRequiredService<CalendarService>().EnsureSeededAsync());

        await using var db = _db.CreateDbContext();
        Assert.Equal(1, await db.Calendars.CountAsync());
    }

    [Fact]
    public async Task Saving_names_every_invalid_field()
    {
        var days = new List<CalendarDayInput>
        {
            new("2026/10/01", true, "国庆节"),
            new("2026-10-02", null, "国庆节"),
            new("2026-10-03", true, "国庆节"),
            new("2026-10-03", true, "国庆节"),
            new("2027-01-01", true, "元旦"),
            new("2026-10-04", true, new string('x', 101)),
        };

        var result = await Calendars.SaveAsync("Bad Id!", " ", days, [2026, 1999, 2026], "admin");

        Assert.Equal(OperationStatus.Invalid, result.Status);
        Assert.Equal(
            new[] { "days[0].date", "days[1].isOffDay", "days[3].date", "days[4].date", "days[5].name", "id", "name", "years[1]", "years[2]" },
            result.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("also days[2]", result.Errors["days[3].date"][0], StringComparison.Ordinal);
        Assert.Contains("2027", result.Errors["days[4].date"][0], StringComparison.Ordinal);
        await using var db = _db.CreateDbContext();
        Assert.Equal(0, await db.Calendars.CountAsync());
    }

    [Fact]
    public async Task Saving_requires_the_years_and_the_days_lists()
    {
        var result = await Calendars.SaveAsync("district", "District", null, null, "admin");

        Assert.Equal(OperationStatus.Invalid, result.Status);
        Assert.Equal(new[] { "days", "years" }, result.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_save_shows_at_once_on_this_host_and_after_the_cache_lifetime_on_another()
    {
        await Calendars.EnsureSeededAsync();
        await using var other = _db.CreateAnotherHost(_time);
        var otherCalendars = other.GetRequiredService<CalendarService>();
        Assert.True((await otherCalendars.GetAsync("cn"))!.IsWorkingDay(Monday));
        Assert.True((await Calendars.GetAsync("cn"))!.IsWorkingDay(Monday));

        var saved = await Calendars.SaveAsync("cn", ShippedCalendars.ChinaMainlandName,
            ShippedDaysWith(new CalendarDayInput("2026-09-21", true, "台风停工")), [2025, 2026], "admin");

        Assert.True(saved.IsOk);
        Assert.Equal(2, saved.Value!.Revision);
        Assert.False((await Calendars.GetAsync("cn"))!.IsWorkingDay(Monday));
        Assert.False(Calendars.TryGetCached("cn")!.IsWorkingDay(Monday));
        Assert.True((await otherCalendars.GetAsync("cn"))!.IsWorkingDay(Monday));

        _time.Advance(CalendarService.CacheLifetime);

        Assert.False((await otherCalendars.GetAsync("cn"))!.IsWorkingDay(Monday));
    }

    [Fact]
    public async Task A_save_may_create_a_new_calendar_and_records_who_and_when()
    {
        var result = await Calendars.SaveAsync("district-a", "  District A  ", [new("2026-10-12", true, "区庆")], [2026], "admin");

        Assert.True(result.IsOk);
        var stored = await Calendars.ReadAsync("district-a");
        Assert.Equal("District A", stored!.Name);
        Assert.Equal(1, stored.Revision);
        Assert.Equal("admin", stored.UpdatedBy);
        Assert.Equal(_time.GetUtcNow(), stored.UpdatedAt);
        Assert.False((await Calendars.GetAsync("district-a"))!.IsWorkingDay(new DateOnly(2026, 10, 12)));
        Assert.Null(await Calendars.GetAsync("district-b"));
    }

    [Fact]
    public async Task A_save_against_a_stale_revision_is_a_conflict()
    {
        await Calendars.EnsureSeededAsync();
        Assert.True((await Calendars.SaveAsync("cn", "First", ShippedDaysWith(), [2025, 2026], "alice", expectedRevision: 1)).IsOk);

        var late = await Calendars.SaveAsync("cn", "Second", ShippedDaysWith(), [2025, 2026], "bob", expectedRevision: 1);

        Assert.Equal(OperationStatus.Conflict, late.Status);
        Assert.Contains("alice", late.Message, StringComparison.Ordinal);
        Assert.Equal("First", (await Calendars.ReadAsync("cn"))!.Name);
    }
}
