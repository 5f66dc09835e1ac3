using System.Globalization;

namespace Butler.TimerBench;

/// <summary>Busy and I/O-wait CPU time of the whole machine, from /proc/stat, to see what else ran beside the host.</summary>
/// <remarks>Database is the CPU of the PostgreSQL backends serving the benchmark's database (0 on SQLite).</remarks>
internal readonly record struct MachineLoad(TimeSpan Busy, TimeSpan IoWait, TimeSpan Bench, TimeSpan Database)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>Name of the PostgreSQL database whose backends are counted, if any.</summary>
    public static string? DatabaseName { get; set; }

    public static MachineLoad Now()
    {
        var bench = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        if (!File.Exists("/proc/stat"))
        {
            return new MachineLoad(TimeSpan.Zero, TimeSpan.Zero, bench, TimeSpan.Zero);
        }
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal ...
        var busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + (fields.Length > 7 ? fields[7] : 0);
        return new MachineLoad(TimeSpan.FromSeconds(busy / TicksPerSecond), TimeSpan.FromSeconds(fields[4] / TicksPerSecond), bench, DatabaseBackends());
    }

    public static MachineLoad operator -(MachineLoad a, MachineLoad b) =>
        new(a.Busy - b.Busy, a.IoWait - b.IoWait, a.Bench - b.Bench, a.Database - b.Database);

    /// <summary>utime + stime of the processes titled "postgres: user database …" for <see cref="DatabaseName"/>.</summary>
    private static TimeSpan DatabaseBackends()
    {
        if (DatabaseName is not { } name)
        {
            return TimeSpan.Zero;
        }
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (!cmdline.StartsWith("postgres:", StringComparison.Ordinal) || !cmdline.Contains(" " + name + " ", StringComparison.Ordinal))
                {
                    continue;
                }
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // Fields after the parenthesised command name: state is field 3, utime 14 and stime 15.
                var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The process ended while being read.
            }
        }
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
