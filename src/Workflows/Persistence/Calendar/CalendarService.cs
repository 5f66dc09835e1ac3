using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Butler.Workflows.Calendar;

/// <summary>
/// Reads, caches, validates and saves working-day calendars. Each host caches a calendar for
/// <see cref="CacheLifetime"/>, so hosts sharing a database converge that long after an edit; this host's own save
/// replaces its cached copy at once.
/// </summary>
public sealed partial class CalendarService(
    IDbContextFactory<ButlerDbContext> dbFactory,
    IOptions<CalendarOptions> options,
    TimeProvider time,
    ILogger<CalendarService> logger)
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    public const int MinYear = Input.InputRules.MinYear;
    public const int MaxYear = Input.InputRules.MaxYear;
    public const int MaxDays = 5000;
    public const int MaxNameLength = 200;
    public const int MaxDayNameLength = 100;

    private readonly TimeZoneInfo _zone = options.Value.ResolveTimeZone();
    private readonly TimeOnly _workdayEnd = options.Value.WorkdayEnd;
    private readonly ConcurrentDictionary<string, Cached> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _refreshing = new(StringComparer.Ordinal);

    /// <summary>The deployment's time zone, in which every calendar counts its days.</summary>
    public TimeZoneInfo TimeZone => _zone;

    /// <summary>The calendar with this id, from the cache when it is younger than <see cref="CacheLifetime"/>; null when there is none.</summary>
    public async Task<WorkingCalendar?> GetAsync(string id, CancellationToken ct = default)
    {
        if (_cache.TryGetValue(id, out var cached) && IsFresh(cached))
        {
            return cached.Calendar;
        }
        return await LoadAsync(id, ct);
    }

    /// <summary>
    /// The cached calendar without waiting, for synchronous callers such as activities; null when this host has
    /// never loaded it (see <see cref="WarmAsync"/>). A stale copy is returned while a refresh runs in the background.
    /// </summary>
    public WorkingCalendar? TryGetCached(string id)
    {
        if (!_cache.TryGetValue(id, out var cached))
        {
            return null;
        }
        if (!IsFresh(cached))
        {
            RefreshInBackground(id);
        }
        return cached.Calendar;
    }

    /// <summary>Loads every stored calendar into this host's cache.</summary>
    public async Task WarmAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var records = await db.Calendars.AsNoTracking().ToListAsync(ct);
        foreach (var record in records)
        {
            Remember(record);
        }
    }

    /// <summary>Every stored calendar, by id.</summary>
    public async Task<IReadOnlyList<CalendarSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var records = await db.Calendars.AsNoTracking().ToListAsync(ct);
        return records
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => new CalendarSummary(r.Id, r.Name, CalendarJson.ReadYears(r), CalendarJson.ReadDays(r).Count, r.UpdatedAt, r.UpdatedBy, r.Revision))
            .ToArray();
    }

    /// <summary>The stored calendar as administrators edit it, read from the database rather than the cache.</summary>
    public async Task<CalendarDocument?> ReadAsync(string id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await db.Calendars.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        return record is null ? null : CalendarDocument.From(record);
    }

    /// <summary>
    /// Creates or replaces a calendar: its name, special days and published years. Invalid input names the field
    /// (<c>name</c>, <c>years[1]</c>, <c>days[3].date</c>). With <paramref name="expectedRevision"/>, a calendar
    /// changed since that revision is a conflict. The saved calendar replaces this host's cached copy.
    /// </summary>
    public async Task<OperationResult<WorkCalendarRecord>> SaveAsync(string id, string? name, IReadOnlyList<CalendarDayInput>? days,
        IReadOnlyList<int>? years, string? by, int? expectedRevision = null, CancellationToken ct = default)
    {
        var errors = Validate(id, name, days, years, out var parsedDays, out var parsedYears);
        if (errors.Count > 0)
        {
            return OperationResult<WorkCalendarRecord>.Invalid(errors);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await db.Calendars.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (expectedRevision is { } expected && expected != (record?.Revision ?? 0))
        {
            return OperationResult<WorkCalendarRecord>.Conflict(record is null
                ? Failure.CalendarMissing(id)
                : Failure.CalendarStale(id, record.Revision, record.UpdatedBy, expected));
        }
        if (record is null)
        {
            record = new WorkCalendarRecord { Id = id };
            db.Calendars.Add(record);
        }
        record.Name = name!.Trim();
        record.DaysJson = CalendarJson.WriteDays(parsedDays);
        record.YearsJson = CalendarJson.WriteYears(parsedYears);
        record.UpdatedAt = time.GetUtcNow();
        record.UpdatedBy = by;
        record.Revision++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return OperationResult<WorkCalendarRecord>.Conflict(Failure.CalendarConcurrentChange(id));
        }
        Remember(record);
        LogSaved(logger, id, record.Revision, by);
        return OperationResult<WorkCalendarRecord>.Ok(record);
    }

    /// <summary>
    /// Stores the shipped <c>cn</c> calendar when the database has none (a host racing us to it is fine), then loads
    /// every calendar into this host's cache. An existing <c>cn</c> is never overwritten: administrators own it.
    /// </summary>
    public async Task EnsureSeededAsync(CancellationToken ct = default)
    {
        var id = ShippedCalendars.ChinaMainlandId;
        bool exists;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            exists = await db.Calendars.AnyAsync(c => c.Id == id, ct);
        }
        if (!exists)
        {
            var (days, years) = ShippedCalendars.ChinaMainlandArrangements();
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.Calendars.Add(new WorkCalendarRecord
            {
                Id = id,
                Name = ShippedCalendars.ChinaMainlandName,
                DaysJson = CalendarJson.WriteDays(days),
                YearsJson = CalendarJson.WriteYears(years),
                UpdatedAt = time.GetUtcNow(),
                Revision = 1,
            });
            try
            {
                await db.SaveChangesAsync(ct);
                LogSeeded(logger, id, years);
            }
            catch (DbUpdateException)
            {
                // Another host inserted it between our check and our insert; anything else is a real failure.
                await using var check = await dbFactory.CreateDbContextAsync(ct);
                if (!await check.Calendars.AnyAsync(c => c.Id == id, ct))
                {
                    throw;
                }
            }
        }
        await WarmAsync(ct);
    }

    private bool IsFresh(Cached cached) => time.GetUtcNow() - cached.LoadedAt < CacheLifetime;

    private async Task<WorkingCalendar?> LoadAsync(string id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await db.Calendars.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (record is null)
        {
            // Unknown ids are not cached: anyone signed in may ask for any id.
            _cache.TryRemove(id, out _);
            return null;
        }
        return Remember(record);
    }

    private WorkingCalendar Remember(WorkCalendarRecord record)
    {
        var calendar = new WorkingCalendar(record.Id, record.Name, CalendarJson.ReadDays(record), CalendarJson.ReadYears(record), _zone, _workdayEnd);
        var fresh = new Cached(calendar, record.Revision, time.GetUtcNow());
        // A read that started before this host's save must not put the older revision back.
        _cache.AddOrUpdate(record.Id, fresh, (_, existing) => existing.Revision > fresh.Revision ? existing : fresh);
        return _cache.TryGetValue(record.Id, out var kept) ? kept.Calendar : calendar;
    }

    private void RefreshInBackground(string id)
    {
        if (!_refreshing.TryAdd(id, 0))
        {
            return;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                await LoadAsync(id, CancellationToken.None);
            }
#pragma warning disable CA1031 // A failed refresh keeps the stale copy; the next caller tries again.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogRefreshFailed(logger, e, id);
            }
            finally
            {
                _refreshing.TryRemove(id, out _);
            }
        });
    }

    internal static Dictionary<string, string[]> Validate(string id, string? name, IReadOnlyList<CalendarDayInput>? days,
        IReadOnlyList<int>? years, out List<CalendarDay> parsedDays, out List<int> parsedYears)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }
            list.Add(message);
        }

        parsedDays = [];
        parsedYears = [];
        if (string.IsNullOrEmpty(id) || !IdPattern().IsMatch(id))
        {
            Add("id", "A calendar id is 1–50 lower-case letters, digits, '-' or '_', starting with a letter or digit.");
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            Add("name", "Give the calendar a name.");
        }
        else if (Input.InputRules.LineProblem(name.Trim(), "name", MaxNameLength) is { } problem)
        {
            Add("name", problem.Message);
        }

        if (years is null)
        {
            Add("years", "List the years whose arrangement is published (may be empty).");
        }
        else
        {
            var seenYears = new HashSet<int>();
            for (var i = 0; i < years.Count; i++)
            {
                if (years[i] is < MinYear or > MaxYear)
                {
                    Add($"years[{i}]", $"{years[i]} is outside {MinYear}–{MaxYear}.");
                }
                else if (!seenYears.Add(years[i]))
                {
                    Add($"years[{i}]", $"{years[i]} is listed twice.");
                }
                else
                {
                    parsedYears.Add(years[i]);
                }
            }
        }

        if (days is null)
        {
            Add("days", "List the special days (may be empty).");
        }
        else if (days.Count > MaxDays)
        {
            Add("days", $"A calendar has at most {MaxDays} special days.");
        }
        else
        {
            var firstIndex = new Dictionary<DateOnly, int>();
            for (var i = 0; i < days.Count; i++)
            {
                var day = days[i];
                var at = $"days[{i}]";
                if (day is null)
                {
                    Add(at, "A day is an object {date, isOffDay, name}.");
                    continue;
                }
                DateOnly date = default;
                if (string.IsNullOrWhiteSpace(day.Date))
                {
                    Add($"{at}.date", "Give the date as yyyy-MM-dd.");
                }
                else if (!DateOnly.TryParseExact(day.Date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
                {
                    Add($"{at}.date", $"'{day.Date}' is not a date in the form yyyy-MM-dd.");
                }
                else if (firstIndex.TryGetValue(date, out var first))
                {
                    Add($"{at}.date", $"{day.Date} is listed twice (also days[{first}]).");
                }
                else
                {
                    firstIndex[date] = i;
                    if (years is not null && !years.Contains(date.Year))
                    {
                        Add($"{at}.date", $"{day.Date} falls in {date.Year}, which is not among the published years; add {date.Year} to years or remove the day.");
                    }
                }
                if (day.IsOffDay is null)
                {
                    Add($"{at}.isOffDay", "Say whether the day is off (true) or an adjusted working day (false).");
                }
                var dayName = day.Name?.Trim() ?? "";
                if (Input.InputRules.LineProblem(dayName, $"{at}.name", MaxDayNameLength) is { } dayProblem)
                {
                    Add($"{at}.name", dayProblem.Message);
                }
                parsedDays.Add(new CalendarDay(date, day.IsOffDay ?? false, dayName));
            }
        }
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,49}$")]
    private static partial Regex IdPattern();

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded calendar {CalendarId} with the shipped years {Years}")]
    private static partial void LogSeeded(ILogger logger, string calendarId, IReadOnlyList<int> years);

    [LoggerMessage(Level = LogLevel.Information, Message = "Calendar {CalendarId} saved at revision {Revision} by {User}")]
    private static partial void LogSaved(ILogger logger, string calendarId, int revision, string? user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing calendar {CalendarId} failed; the cached copy stays in use")]
    private static partial void LogRefreshFailed(ILogger logger, Exception error, string calendarId);

    private sealed record Cached(WorkingCalendar Calendar, int Revision, DateTimeOffset LoadedAt);
}
