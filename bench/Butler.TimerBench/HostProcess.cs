using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Butler.Workflows.Persistence;

namespace Butler.TimerBench;

/// <summary>The real Butler host in its own process, with default scheduling settings and no SMTP server (mail goes to the pickup folder).</summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private HostProcess(Process process, StreamWriter log, Uri address)
    {
        _process = process;
        _log = log;
        Address = address;
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    /// <summary>CPU time the host has used so far, all threads.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            ThrowIfExited();
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public string LogPath { get; private init; } = "";

    /// <summary>Fails the run with the host's exit code and the end of its log.</summary>
    public void ThrowIfExited()
    {
        if (_process.HasExited)
        {
            string tail;
            lock (_log)
            {
                _log.Flush();
                tail = string.Join(Environment.NewLine, File.ReadLines(LogPath).TakeLast(30));
            }
            throw new InvalidOperationException($"The host exited with code {_process.ExitCode}. End of {LogPath}:{Environment.NewLine}{tail}");
        }
    }

    public static async Task<HostProcess> StartAsync(string hostDll, string dataDirectory, DatabaseProvider provider, string? connectionString, string password,
        IEnumerable<KeyValuePair<string, string>> settings)
    {
        // A private copy, so that a build running beside the benchmark cannot overwrite the assemblies the host has loaded.
        var binaries = Path.Combine(dataDirectory, "host");
        CopyDirectory(Path.GetDirectoryName(Path.GetFullPath(hostDll))!, binaries);
        hostDll = Path.Combine(binaries, Path.GetFileName(hostDll));
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The content root is the host's own folder, so its appsettings.json applies as in a deployment.
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
        };
        start.ArgumentList.Add(hostDll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["Butler__DataDirectory"] = dataDirectory;
        start.Environment["Butler__Demo"] = "true";
        start.Environment["Butler__DemoPassword"] = password;
        // Demo users only: the demo district's projects would add their own (backdated, overdue) timers to the run.
        start.Environment["Butler__DemoDistrict"] = "false";
        if (provider != DatabaseProvider.Sqlite)
        {
            start.Environment["Butler__Database__Provider"] = provider.ToString();
            start.Environment["ConnectionStrings__Butler"] = connectionString;
        }
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }
        var logPath = Path.Combine(dataDirectory, "host.log");
        var log = new StreamWriter(new FileStream(logPath, FileMode.Create, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var host = new HostProcess(process, log, address) { LogPath = logPath };
        process.OutputDataReceived += (_, e) => host.Write(e.Data);
        process.ErrorDataReceived += (_, e) => host.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The host exited during start-up; see {Path.Combine(dataDirectory, "host.log")}.");
            }
            try
            {
                using var health = await probe.GetAsync(new Uri("/health", UriKind.Relative));
                if (health.IsSuccessStatusCode)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The host did not answer /health within 120 s.");
            }
            await Task.Delay(250);
        }
    }

    private void Write(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.WriteLine(line);
            }
        }
    }

    /// <summary>Kills the host (SIGKILL); the database is left as the last commit wrote it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
