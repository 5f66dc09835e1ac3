using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Butler.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Butler.TimerBench;

/// <summary>Where a timer's lateness went, read from the states Hangfire recorded for the job that fired it.</summary>
internal sealed record HistoryResult(
    int FireJobs,
    int TimersWithJobs,
    int EarlyRuns,
    Stats SchedulerLagMs,
    Stats QueueWaitMs,
    Stats StartToFiredMs,
    Stats FireDurationMs,
    Stats AllFireDurationsMs,
    IReadOnlyList<(DateTimeOffset StartedAt, double DurationMs, string? Result)> Sweeps,
    IReadOnlyList<string> LatestTimers);

internal static class HangfireHistory
{
    private sealed class Job
    {
        public Guid? TimerId { get; set; }
        public bool IsSweep { get; set; }
        public DateTimeOffset? EnqueuedAt { get; set; }
        public DateTimeOffset? StartedAt { get; set; }
        public double? DurationMs { get; set; }
        public string? Result { get; set; }
        public long Id { get; set; }
        public List<string> States { get; } = [];
    }

    public static async Task<HistoryResult?> ReadAsync(DatabaseProvider provider, string dataDirectory, string connectionString, IReadOnlyList<TimerRow> timers)
    {
        if (provider == DatabaseProvider.Sqlite && !File.Exists(Path.Combine(dataDirectory, "hangfire.db")))
        {
            return null; // Hangfire keeps its jobs in memory on SQLite hosts (ADR 006): no job history to read.
        }
        DbConnection connection = provider == DatabaseProvider.Sqlite
            ? new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "hangfire.db")};Mode=ReadOnly")
            : new NpgsqlConnection(connectionString);
        await using (connection)
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = provider == DatabaseProvider.Sqlite
                ? """
                  SELECT j.Id, j.InvocationData, j.Arguments, s.Name, s.Data, s.Reason FROM Job j JOIN State s ON s.JobId = j.Id
                  WHERE j.InvocationData LIKE '%FireAsync%' OR j.InvocationData LIKE '%ReconcileAsync%' ORDER BY s.Id
                  """
                : """
                  SELECT j.id, j.invocationdata::text, j.arguments::text, s.name, s.data::text, s.reason FROM hangfire.job j JOIN hangfire.state s ON s.jobid = j.id
                  WHERE j.invocationdata::text LIKE '%FireAsync%' OR j.invocationdata::text LIKE '%ReconcileAsync%' ORDER BY s.id
                  """;
            var jobs = new Dictionary<long, Job>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    var id = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
                    if (!jobs.TryGetValue(id, out var job))
                    {
                        job = new Job { Id = id, IsSweep = reader.GetString(1).Contains("ReconcileAsync", StringComparison.Ordinal) };
                        job.TimerId = job.IsSweep ? null : ParseTimerId(reader.GetString(2));
                        jobs[id] = job;
                    }
                    var data = reader.IsDBNull(4) ? null : JsonNode.Parse(reader.GetString(4)) as JsonObject;
                    var reason = reader.IsDBNull(5) ? null : reader.GetString(5);
                    var at = data?.Select(p => p.Key.EndsWith("At", StringComparison.Ordinal) ? Time(p.Value) : null).FirstOrDefault(t => t is not null);
                    job.States.Add($"{reader.GetString(3)} {at?.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) ?? "?"}{(reason is null ? "" : $" ({reason})")}");
                    switch (reader.GetString(3))
                    {
                        case "Enqueued":
                            job.EnqueuedAt = Time(data?["EnqueuedAt"]);
                            break;
                        case "Processing":
                            job.StartedAt = Time(data?["StartedAt"]);
                            break;
                        case "Succeeded":
                            job.DurationMs = data?["PerformanceDuration"]?.GetValue<string>() is { } d ? double.Parse(d, CultureInfo.InvariantCulture) : null;
                            job.Result = data?["Result"]?.GetValue<string>();
                            break;
                    }
                }
            }

            // Jobs that ran: the background timers' jobs are still scheduled when the run ends.
            var fireJobs = jobs.Values.Where(j => j.TimerId is not null && j.StartedAt is not null).ToList();
            var byTimer = fireJobs.GroupBy(j => j.TimerId!.Value).ToDictionary(g => g.Key, g => g.ToList());
            var lag = new List<double>();
            var wait = new List<double>();
            var toFired = new List<double>();
            var duration = new List<double>();
            var early = 0;
            foreach (var timer in timers)
            {
                if (!byTimer.TryGetValue(timer.Id, out var own))
                {
                    continue;
                }
                early += own.Count(j => j.StartedAt < timer.DueAt.AddMilliseconds(-20));
                if (timer.FiredAt is not { } firedAt)
                {
                    continue;
                }
                // The job that fired the timer is the last one to start before FiredAt (timestamps are whole milliseconds).
                var firing = own.Where(j => j.StartedAt is { } s && s <= firedAt.AddMilliseconds(1)).MaxBy(j => j.StartedAt);
                if (firing is null)
                {
                    continue;
                }
                if (firing.EnqueuedAt is { } enqueuedAt)
                {
                    lag.Add((enqueuedAt - timer.DueAt).TotalMilliseconds);
                    wait.Add((firing.StartedAt!.Value - enqueuedAt).TotalMilliseconds);
                }
                toFired.Add((firedAt - firing.StartedAt!.Value).TotalMilliseconds);
                if (firing.DurationMs is { } ms)
                {
                    duration.Add(ms);
                }
            }
            // The three latest timers with every job Hangfire ran or scheduled for them, to see why they were late.
            var allByTimer = jobs.Values.Where(j => j.TimerId is not null).GroupBy(j => j.TimerId!.Value).ToDictionary(g => g.Key, g => g.ToList());
            var latest = timers.Where(t => t.FiredAt is not null).OrderByDescending(t => t.LatenessMs).Take(3)
                .Select(t => string.Create(CultureInfo.InvariantCulture, $"timer due {t.DueAt:HH:mm:ss.fff}, fired {t.FiredAt:HH:mm:ss.fff} ({t.LatenessMs:0} ms late); jobs: ")
                    + string.Join("; ", allByTimer.GetValueOrDefault(t.Id, []).OrderBy(j => j.Id).Select(j => $"#{j.Id}: {string.Join(" → ", j.States)}")))
                .ToList();
            var sweeps = jobs.Values.Where(j => j.IsSweep && j.StartedAt is not null && j.DurationMs is not null)
                .OrderBy(j => j.StartedAt).Select(j => (j.StartedAt!.Value, j.DurationMs!.Value, j.Result)).ToList();
            return new HistoryResult(fireJobs.Count, byTimer.Count, early, new Stats(lag), new Stats(wait), new Stats(toFired), new Stats(duration),
                new Stats(fireJobs.Where(j => j.DurationMs is not null).Select(j => j.DurationMs!.Value)), sweeps, latest);
        }
    }

    /// <summary>Arguments are a JSON array of JSON texts: ["\"guid\"", null].</summary>
    private static Guid? ParseTimerId(string arguments) =>
        JsonNode.Parse(arguments) is JsonArray { Count: > 0 } a && a[0]?.GetValue<string>() is { } first
            && Guid.TryParse(first.Trim('"'), out var id) ? id : null;

    /// <summary>Hangfire writes state times as Unix milliseconds (compatibility level 1.8) or, in older data, ISO 8601.</summary>
    private static DateTimeOffset? Time(JsonNode? node)
    {
        if (node is null || node.GetValueKind() != JsonValueKind.String)
        {
            return null;
        }
        var text = node.GetValue<string>();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }
}
