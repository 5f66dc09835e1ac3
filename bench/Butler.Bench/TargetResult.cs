using System.Diagnostics;
using System.Globalization;

namespace Butler.Bench;

/// <summary>What one target measured; serialised as one line by a child process and read back by the parent.</summary>
internal sealed class TargetResult
{
    public string Target { get; set; } = "";
    public string Store { get; set; } = "";
    public int Clients { get; set; }
    public int Instances { get; set; }
    public int Completions { get; set; }
    public double Seconds { get; set; }
    public double InstancesPerSecond { get; set; }
    public double CompletionsPerSecond { get; set; }

    /// <summary>Latency of one task completion; null where the target cannot time single completions.</summary>
    public double? P50Ms { get; set; }
    public double? P99Ms { get; set; }
    public double? MeanMs { get; set; }

    /// <summary>Mean client-side time of the other calls of the loop, for the breakdown.</summary>
    public double? StartMeanMs { get; set; }
    public double? LookupMeanMs { get; set; }

    public double AllocatedBytesPerCompletion { get; set; }
    public double PeakWorkingSetMb { get; set; }

    /// <summary>CPU time of this process per completion (the PostgreSQL server's own CPU is not in it).</summary>
    public double ProcessCpuMsPerCompletion { get; set; }

    /// <summary>CPU time of a local PostgreSQL server per completion, where it can be read.</summary>
    public double? ServerCpuMsPerCompletion { get; set; }

    /// <summary>Share of all the machine's cores that were busy during the measured run.</summary>
    public double MachineCpuBusyPercent { get; set; }

    /// <summary>Garbage collections during the measured run, and the share of its wall time the runtime was paused for them.</summary>
    public string Collections { get; set; } = "";
    public double GcPausePercent { get; set; }

    /// <summary>/proc/loadavg when the measured run started and ended: other work on the machine shows here.</summary>
    public string LoadBefore { get; set; } = "";
    public string LoadAfter { get; set; } = "";

    public string Notes { get; set; } = "";

    /// <summary>Lines of the optional SQL profile.</summary>
    public List<string> Profile { get; set; } = [];
}

/// <summary>Measures a run: wall time, allocations, process CPU and machine CPU.</summary>
internal sealed class RunMeter
{
    private readonly long _allocated;
    private readonly TimeSpan _cpu;
    private readonly (long Busy, long Total) _machine;
    private readonly long _started;
    private readonly string _load;
    private readonly int[] _collections;
    private readonly TimeSpan _paused;

    private RunMeter()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        _machine = MachineCpu();
        _cpu = Process.GetCurrentProcess().TotalProcessorTime;
        _allocated = GC.GetTotalAllocatedBytes(precise: true);
        _load = LoadAverage();
        _collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        _paused = GC.GetTotalPauseDuration();
        _started = Stopwatch.GetTimestamp();
    }

    public static RunMeter Start() => new();

    public void Stop(TargetResult result)
    {
        var elapsed = Stopwatch.GetElapsedTime(_started);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - _allocated;
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime - _cpu;
        var machine = MachineCpu();
        result.Seconds = elapsed.TotalSeconds;
        result.InstancesPerSecond = result.Instances / elapsed.TotalSeconds;
        result.CompletionsPerSecond = result.Completions / elapsed.TotalSeconds;
        result.AllocatedBytesPerCompletion = (double)allocated / result.Completions;
        result.ProcessCpuMsPerCompletion = cpu.TotalMilliseconds / result.Completions;
        var total = machine.Total - _machine.Total;
        result.Collections = $"{GC.CollectionCount(0) - _collections[0]}/{GC.CollectionCount(1) - _collections[1]}/{GC.CollectionCount(2) - _collections[2]}";
        result.GcPausePercent = 100 * (GC.GetTotalPauseDuration() - _paused) / elapsed;
        result.LoadBefore = _load;
        result.LoadAfter = LoadAverage();
        result.MachineCpuBusyPercent = total > 0 ? 100.0 * (machine.Busy - _machine.Busy) / total : double.NaN;
    }

    /// <summary>The 1-minute load average.</summary>
    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }

    /// <summary>Busy and total jiffies of all cores from /proc/stat; zeros where there is no /proc.</summary>
    private static (long Busy, long Total) MachineCpu()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").First(l => l.StartsWith("cpu ", StringComparison.Ordinal));
            var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            // user nice system idle iowait irq softirq steal ...; idle and iowait are not busy.
            var total = values.Take(8).Sum();
            var idle = values[3] + values[4];
            return (total - idle, total);
        }
        catch (IOException)
        {
            return (0, 0);
        }
    }
}

internal static class Percentiles
{
    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Of(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
