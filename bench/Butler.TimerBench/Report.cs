using System.Globalization;
using System.Text;

namespace Butler.TimerBench;

/// <summary>The Markdown report of one run.</summary>
internal static class Report
{
    public static void Write(StringBuilder r, BenchOptions o, string[] args, LiveResult live, HistoryResult? history, ReconciliationResult? reconciliation)
    {
        var inv = CultureInfo.InvariantCulture;
        var timers = live.Timers;
        var fired = timers.Where(t => t.FiredAt is not null).ToList();
        var unfired = timers.Count - fired.Count;
        var all = new Stats(timers.Select(t => t.LatenessAtLeastMs(live.End)));
        string P(double percent) => (unfired > 0 && all.P(percent) >= new Stats(timers.Where(t => t.FiredAt is null).Select(t => t.LatenessAtLeastMs(live.End))).Min ? "≥ " : "")
            + Stats.Ms(all.P(percent));

        r.AppendLine(inv, $"### {o.Provider}: {o.Timers} timers due over {o.WindowSeconds} s{(o.Background > 0 ? $", {o.Background} more pending" : "")}");
        r.AppendLine();
        r.AppendLine("| | |");
        r.AppendLine("|---|---|");
        foreach (var (name, value) in MachineInfo.Describe())
        {
            r.AppendLine(inv, $"| {name} | {value} |");
        }
        r.AppendLine(inv, $"| Arguments | `{string.Join(' ', args)}` |");
        r.AppendLine(inv, $"| Engine commit | {live.Commit} |");
        if (live.DatabaseVersion is { } version)
        {
            r.AppendLine(inv, $"| Database | {version} |");
        }
        r.AppendLine();
        r.AppendLine(inv, $"- Definitions published: {live.Definitions} in {live.DefinitionsTime.TotalSeconds:0.0} s.");
        var started = o.Timers + o.Background;
        if (o.Background > 0)
        {
            r.AppendLine(inv, $"- {o.Background} of the instances are background: their timers fall due {ButlerApi.BackgroundDelaySeconds / 3600} h after the start and stay pending all through the run; only the other {o.Timers} are measured.");
        }
        r.AppendLine(inv, $"- Instances started over HTTP: {started} in {live.CreationTime.TotalSeconds:0.0} s = **{started / live.CreationTime.TotalSeconds:0} /s** " +
            $"({o.Concurrency} requests in flight; latency p50/p90/p99/max {live.StartLatencyMs.Summary()} ms; host CPU {live.HostCpuCreation.TotalSeconds / live.CreationTime.TotalSeconds:0.00} cores); " +
            $"{live.StartsBehindSchedule} starts behind plan; creation ended {(live.FirstDue - live.CreationEnd).TotalSeconds:0.0} s before the first due time.");
        r.AppendLine(Others("creation", live.MachineCreation, live.HostCpuCreation, live.CreationTime));
        var dueSpan = (timers.Max(t => t.DueAt) - timers.Min(t => t.DueAt)).TotalSeconds;
        r.AppendLine(inv, $"- Due times span {dueSpan:0.0} s = {timers.Count / Math.Max(dueSpan, 1):0} timers/s falling due.");
        r.AppendLine(string.Create(inv, $"- Fired: **{fired.Count} of {timers.Count}**") + (unfired > 0
            ? string.Create(inv, $", {unfired} still pending {(live.End - timers.Max(t => t.DueAt)).TotalSeconds:0} s after the last due time (counted as at least that late)")
            : string.Create(inv, $", the last {live.FiringWall.TotalSeconds:0.0} s after the first due time")) +
            string.Create(inv, $"; firing rate {fired.Count / Math.Max(FiringSpan(fired), 1):0.0} timers/s; host CPU while firing {live.HostCpuFiring.TotalSeconds / Math.Max(live.FiringWall.TotalSeconds, 1):0.00} cores."));
        r.AppendLine(Others("firing", live.MachineFiring, live.HostCpuFiring, live.FiringWall));
        r.AppendLine(inv, $"- Acted once each: {live.TimerFiredEntries} TimerFired journal entries and {live.CompletedInstances} completed instances for {fired.Count} fired timers.");
        r.AppendLine(inv, $"- **Lateness (FiredAt − DueAt): p50 {P(50)} ms, p90 {P(90)} ms, p99 {P(99)} ms, max {P(100)} ms**; min {Stats.Ms(all.Min)} ms; fired early: {fired.Count(t => t.LatenessMs < 0)}.");
        r.AppendLine();

        if (history is not null)
        {
            r.AppendLine("Where the time went, from the states Hangfire recorded for the job that fired each timer (ms, p50 / p90 / p99 / max):");
            r.AppendLine();
            r.AppendLine("| stage | ms |");
            r.AppendLine("|---|---|");
            r.AppendLine(inv, $"| due → enqueued by the delayed-job scheduler | {history.SchedulerLagMs.Summary()} |");
            r.AppendLine(inv, $"| enqueued → a worker starts the job | {history.QueueWaitMs.Summary()} |");
            r.AppendLine(inv, $"| job start → FiredAt (the firing transaction's clock) | {history.StartToFiredMs.Summary()} |");
            r.AppendLine(inv, $"| FireAsync duration, firing job | {history.FireDurationMs.Summary()} |");
            r.AppendLine(inv, $"| FireAsync duration, every FireAsync job | {history.AllFireDurationsMs.Summary()} |");
            r.AppendLine();
            r.AppendLine(inv, $"FireAsync jobs run: {history.FireJobs} for {history.TimersWithJobs} timers ({(double)history.FireJobs / Math.Max(history.TimersWithJobs, 1):0.00} per timer); " +
                $"{history.EarlyRuns} ran more than 20 ms before the due time and put themselves back.");
            r.AppendLine();
            r.AppendLine("The latest timers and their Hangfire jobs (states with their times and reasons):");
            r.AppendLine();
            foreach (var line in history.LatestTimers)
            {
                r.AppendLine(inv, $"- {line}");
            }
            if (history.Sweeps.Count > 0)
            {
                r.AppendLine();
                r.AppendLine("The host's own reconciliation sweeps during the run (start, ms, timers handed over): " +
                    string.Join("; ", history.Sweeps.Select(s => string.Create(inv, $"{s.StartedAt:HH:mm:ss} {s.DurationMs:0} ms → {s.Result ?? "?"}"))) + ".");
            }
            r.AppendLine();
        }

        r.AppendLine("Lateness by due time (10 s buckets from the first due time):");
        r.AppendLine();
        r.AppendLine("| due at | timers | fired | p50 ms | p99 ms | max ms |");
        r.AppendLine("|---|---|---|---|---|---|");
        var first = timers.Min(t => t.DueAt);
        foreach (var bucket in timers.GroupBy(t => (int)((t.DueAt - first).TotalSeconds / 10)).OrderBy(g => g.Key))
        {
            var s = new Stats(bucket.Select(t => t.LatenessAtLeastMs(live.End)));
            var open = bucket.Any(t => t.FiredAt is null) ? "≥ " : "";
            r.AppendLine(inv, $"| +{bucket.Key * 10}–{bucket.Key * 10 + 10} s | {s.Count} | {bucket.Count(t => t.FiredAt is not null)} | {Stats.Ms(s.P(50))} | {open}{Stats.Ms(s.P(99))} | {open}{Stats.Ms(s.Max)} |");
        }
        r.AppendLine();
        r.AppendLine("Timeline: seconds after the first due time, timers still pending, host CPU (cores):");
        r.AppendLine();
        r.AppendLine("```");
        foreach (var s in live.Timeline.Where((_, i) => i % 10 == 0 || i == live.Timeline.Count - 1))
        {
            r.AppendLine(inv, $"{s.SecondsAfterFirstDue,6:0} s {s.Pending,6} pending {s.HostCores,5:0.00} cores");
        }
        r.AppendLine("```");
        r.AppendLine();

        if (reconciliation is not null)
        {
            r.AppendLine(inv, $"Reconciliation sweep (`TimerJobs.ReconcileAsync`, default SchedulingOptions, run in the benchmark process on the same database after the host was stopped):");
            r.AppendLine();
            r.AppendLine("| Hangfire storage | timers | case | runs | handed over per run | ms per run p50 / max |");
            r.AppendLine("|---|---|---|---|---|---|");
            foreach (var c in reconciliation.Cases)
            {
                r.AppendLine(inv, $"| {c.Storage} | {c.Pending} | {c.Name} | {c.Ms.Count} | {string.Join(", ", c.Handed.Distinct())} | {Stats.Ms(c.Ms.P(50))} / {Stats.Ms(c.Ms.Max)} |");
            }
            r.AppendLine();
        }

        var warnings = live.HostWarnings.Where(l => !l.Contains("Butler.Host[92269233]", StringComparison.Ordinal)
            && !l.Contains("XmlKeyManager", StringComparison.Ordinal)).ToList();
        if (warnings.Count > 0)
        {
            r.AppendLine(inv, $"Host log: {warnings.Count} warning or error lines besides demo mode and data protection:");
            foreach (var g in warnings.GroupBy(l => l.Length > 220 ? l[..220] + "…" : l).OrderByDescending(g => g.Count()).Take(10))
            {
                r.AppendLine(inv, $"- {g.Count()} × `{g.Key}`");
            }
            r.AppendLine();
        }
    }

    /// <summary>CPU of the machine during a phase, split into host, benchmark and everything else.</summary>
    private static string Others(string phase, MachineLoad load, TimeSpan host, TimeSpan wall)
    {
        var seconds = Math.Max(wall.TotalSeconds, 1);
        var others = (load.Busy - host - load.Bench - load.Database).TotalSeconds / seconds;
        var database = MachineLoad.DatabaseName is null ? "" : string.Create(CultureInfo.InvariantCulture, $", PostgreSQL backends of the benchmark's database {load.Database.TotalSeconds / seconds:0.00}");
        return string.Create(CultureInfo.InvariantCulture,
            $"- Machine during {phase}: {load.Busy.TotalSeconds / seconds:0.00} cores busy (host {host.TotalSeconds / seconds:0.00}, benchmark {load.Bench.TotalSeconds / seconds:0.00}{database}, everything else {Math.Max(others, 0):0.00}), I/O wait {load.IoWait.TotalSeconds / seconds:0.00} cores.");
    }

    private static double FiringSpan(List<TimerRow> fired) =>
        fired.Count < 2 ? 0 : (fired.Max(t => t.FiredAt!.Value) - fired.Min(t => t.FiredAt!.Value)).TotalSeconds;
}
