using System.Globalization;
using System.Runtime.InteropServices;

namespace Butler.TimerBench;

/// <summary>What the numbers were measured on.</summary>
internal static class MachineInfo
{
    public static IReadOnlyList<(string Name, string Value)> Describe() =>
    [
        ("CPU", $"{CpuModel()}, {Environment.ProcessorCount} logical cores (nproc)"),
        ("RAM", MemoryTotal()),
        ("OS", $"{OsName()} ({RuntimeInformation.OSDescription.Trim()})"),
        (".NET", $"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.ProcessArchitecture})"),
    ];

    private static string CpuModel() =>
        ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) is { } line
            ? line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()
            : RuntimeInformation.ProcessArchitecture.ToString();

    private static string MemoryTotal()
    {
        var line = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        if (line is null)
        {
            return "unknown";
        }
        var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{kb / 1024.0 / 1024.0:0.0} GiB");
    }

    private static string OsName() =>
        ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal)) is { } line
            ? line["PRETTY_NAME=".Length..].Trim('"')
            : RuntimeInformation.OSDescription;

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}
