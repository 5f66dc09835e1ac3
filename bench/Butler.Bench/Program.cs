using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Butler.Bench;

// Each target runs in a child process of its own (this program with --only), so peak memory is per target.
const string ResultPrefix = "BENCH-RESULT ";

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

if (options.Only is { } only)
{
    var result = await RunAsync(only, options);
    Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
    return 0;
}

var results = new List<TargetResult>();
foreach (var target in options.Targets)
{
    results.Add(options.InProcess ? await RunAsync(target, options) : await RunChildAsync(target, args));
}
Report.Print(Console.Out, results, options, args);
return 0;

static Task<TargetResult> RunAsync(string target, BenchOptions options) =>
    target == BenchOptions.WorkflowCore ? WorkflowCoreTarget.RunAsync(options) : ButlerTarget.RunAsync(target, options);

static async Task<TargetResult> RunChildAsync(string target, string[] args)
{
    var self = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this program is unknown.");
    var info = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
    if (string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.OrdinalIgnoreCase))
    {
        info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
    }
    foreach (var arg in args)
    {
        info.ArgumentList.Add(arg);
    }
    info.ArgumentList.Add("--only");
    info.ArgumentList.Add(target);
    using var child = Process.Start(info) ?? throw new InvalidOperationException($"Could not start the {target} run.");
    TargetResult? result = null;
    while (await child.StandardOutput.ReadLineAsync() is { } line)
    {
        if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
        {
            result = JsonSerializer.Deserialize<TargetResult>(line[ResultPrefix.Length..]);
        }
        else
        {
            Console.Error.WriteLine(line);
        }
    }
    await child.WaitForExitAsync();
    return child.ExitCode == 0 && result is not null
        ? result
        : throw new InvalidOperationException($"The {target} run failed with exit code {child.ExitCode}.");
}
