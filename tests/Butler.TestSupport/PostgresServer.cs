using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Butler.TestSupport;

/// <summary>
/// A throwaway PostgreSQL server shared by every test of one test process: either the server named by
/// <c>BUTLER_TEST_POSTGRES</c> or a private cluster started from the local PostgreSQL binaries.
/// </summary>
/// <remarks>
/// Tests that need PostgreSQL must run, never skip: when no server can be had, <see cref="Instance"/> throws with the reason.
/// </remarks>
public sealed class PostgresServer : IDisposable
{
    /// <summary>Connection string of an existing server (its admin database) to use instead of starting one.</summary>
    public const string EnvironmentVariable = "BUTLER_TEST_POSTGRES";

    private const string ServiceUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);
    private static readonly Lazy<PostgresServer> Shared = new(StartShared, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Lock _gate = new();
    private readonly List<string> _databases = [];
    private readonly Cluster? _cluster;
    private bool _disposed;

    private PostgresServer(string adminConnectionString, Cluster? cluster)
    {
        AdminConnectionString = adminConnectionString;
        _cluster = cluster;
    }

    /// <summary>The one server of this process, started on first use and stopped when the process exits.</summary>
    public static PostgresServer Instance => Shared.Value;

    /// <summary>Connection string of the server's administrative database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>True when the server came from <see cref="EnvironmentVariable"/> rather than being started here.</summary>
    public bool IsExternal => _cluster is null;

    /// <summary>Creates a new, empty, uniquely named database and returns its connection string.</summary>
    public string CreateDatabase(string prefix)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var name = UniqueName(prefix);
        using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            command.ExecuteNonQuery();
        }
        lock (_gate)
        {
            _databases.Add(name);
        }
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString)
        {
            Database = name,
            IncludeErrorDetail = true,
            Pooling = true,
        };
        return builder.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabase"/>, closing whatever connections it still has.</summary>
    public void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        lock (_gate)
        {
            if (_disposed || name is null || !_databases.Remove(name))
            {
                return;
            }
        }
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }

    /// <summary>Stops the private cluster and deletes its files; on an external server, drops the databases made here.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
        }
        NpgsqlConnection.ClearAllPools();
        if (_cluster is not null)
        {
            _cluster.Stop();
            return;
        }
        DropCreatedDatabases();
    }

    private void DropCreatedDatabases()
    {
        try
        {
            using var connection = new NpgsqlConnection(AdminConnectionString);
            connection.Open();
            foreach (var name in _databases.ToList())
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
                command.ExecuteNonQuery();
            }
        }
        catch (NpgsqlException)
        {
            // Leaving a test database behind on a shared server is untidy, not wrong; the process is exiting anyway.
        }
    }

    private static string UniqueName(string prefix)
    {
        var clean = new StringBuilder();
        foreach (var c in prefix.ToLowerInvariant())
        {
            clean.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }
        if (clean.Length == 0 || !char.IsAsciiLetter(clean[0]))
        {
            clean.Insert(0, 't');
        }
        var stem = clean.Length > 30 ? clean.ToString(0, 30) : clean.ToString();
        return $"{stem}_{Guid.NewGuid():N}";
    }

    private static PostgresServer StartShared()
    {
        var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
        var server = string.IsNullOrWhiteSpace(external) ? StartCluster() : new PostgresServer(external, null);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    }

    private static PostgresServer StartCluster()
    {
        var bin = FindBinaries();
        var cluster = new Cluster(bin, IsRoot());
        try
        {
            cluster.Start();
        }
        catch
        {
            cluster.Stop();
            throw;
        }
        var admin = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = cluster.Port,
            Username = ServiceUser,
            Database = "postgres",
            IncludeErrorDetail = true,
            Pooling = true,
        };
        return new PostgresServer(admin.ConnectionString, cluster);
    }

    /// <summary>The folder holding initdb and pg_ctl: the newest Debian-packaged version first, then PATH.</summary>
    private static string FindBinaries()
    {
        const string Debian = "/usr/lib/postgresql";
        if (Directory.Exists(Debian))
        {
            var newest = Directory.GetDirectories(Debian)
                .Select(d => (Dir: d, Version: ParseVersion(Path.GetFileName(d))))
                .Where(d => d.Version is not null && HasBinaries(Path.Combine(d.Dir, "bin")))
                .OrderByDescending(d => d.Version)
                .FirstOrDefault();
            if (newest.Dir is not null)
            {
                return Path.Combine(newest.Dir, "bin");
            }
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (HasBinaries(dir))
            {
                return dir;
            }
        }
        throw new InvalidOperationException(
            $"PostgreSQL is needed by these tests but neither initdb nor pg_ctl was found under {Debian}/*/bin or on PATH. " +
            $"Install it (./test.sh does, on Debian) or set {EnvironmentVariable} to the connection string of a server's admin database.");
    }

    private static Version? ParseVersion(string name) =>
        Version.TryParse(name.Contains('.', StringComparison.Ordinal) ? name : name + ".0", out var v) ? v : null;

    private static bool HasBinaries(string dir) =>
        File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));

    private static bool IsRoot()
    {
        if (Environment.UserName == "root")
        {
            return true;
        }
        try
        {
            return Run("id", ["-u"], TimeSpan.FromSeconds(10)).Output.Trim() == "0";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private sealed record ProcessResult(int ExitCode, string Output);

    private static ProcessResult Run(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        // Messages in English whatever the machine's locale, so failures read the same everywhere.
        info.Environment["LC_MESSAGES"] = "C";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:0} s.");
        }
        process.WaitForExit();
        lock (output)
        {
            return new ProcessResult(process.ExitCode, output.ToString());
        }
    }

    /// <summary>A private cluster in a temporary folder: initdb, pg_ctl start, pg_ctl stop, delete.</summary>
    private sealed class Cluster(string bin, bool asServiceUser)
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), $"butler-pg-{Guid.NewGuid():N}");
        private bool _started;

        public int Port { get; private set; }
        private string DataDir => Path.Combine(_root, "data");
        private string SocketDir => Path.Combine(_root, "sock");
        private string LogFile => Path.Combine(_root, "server.log");

        public void Start()
        {
            Directory.CreateDirectory(_root);
            Directory.CreateDirectory(SocketDir);
            if (asServiceUser && !OperatingSystem.IsWindows())
            {
                // initdb and postgres refuse to run as root; the Debian package creates the 'postgres' account for this.
                Check(Run("chown", ["-R", $"{ServiceUser}:{ServiceUser}", _root], TimeSpan.FromSeconds(30)), "chown of the cluster folder");
                File.SetUnixFileMode(_root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }
            Check(Tool("initdb", ["-D", DataDir, "-A", "trust", "-U", ServiceUser, "--no-sync", "-E", "UTF8", "--no-locale"]), "initdb");
            StartWatchdog();

            // The free port may be taken between probing and binding; a couple of tries make that race harmless.
            ProcessResult result = new(-1, "");
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                Port = FreePort();
                var options = string.Create(CultureInfo.InvariantCulture,
                    $"-p {Port} -k {SocketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200");
                result = Tool("pg_ctl", ["-D", DataDir, "-l", LogFile, "-w", "-t", "120", "-o", options, "start"]);
                if (result.ExitCode == 0)
                {
                    _started = true;
                    return;
                }
            }
            Check(result, "pg_ctl start");
        }

        public void Stop()
        {
            try
            {
                if (_started)
                {
                    Tool("pg_ctl", ["-D", DataDir, "-m", "immediate", "-w", "stop"]);
                    _started = false;
                }
            }
            catch (Exception ex) when (ex is TimeoutException or System.ComponentModel.Win32Exception)
            {
                // Deleting the folder below still frees the disk; the server, if any, dies with its data directory gone.
            }
            try
            {
                if (Directory.Exists(_root))
                {
                    Directory.Delete(_root, recursive: true);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A temp folder left behind is not worth failing a test run for.
            }
        }

        /// <summary>
        /// Stops the server and deletes its folder once this process is gone, however it ended: the test host is
        /// killed about 100 ms after the last test, usually before a ProcessExit handler could finish.
        /// </summary>
        private void StartWatchdog()
        {
            const string Script = """
                exec </dev/null >/dev/null 2>&1
                while kill -0 "$1"; do sleep 1; done
                if [ -n "$5" ]; then runuser -u "$5" -- "$2" -D "$3" -m immediate -w stop; else "$2" -D "$3" -m immediate -w stop; fi
                rm -rf "$4"
                """;
            var info = new ProcessStartInfo("sh")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            string[] arguments = ["-c", Script, "butler-pg-watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
                Path.Combine(bin, "pg_ctl"), DataDir, _root, asServiceUser ? ServiceUser : ""];
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }
            using var watchdog = Process.Start(info) ?? throw new InvalidOperationException("Could not start the cleanup watchdog (sh).");
        }

        private ProcessResult Tool(string name, IReadOnlyList<string> arguments)
        {
            var path = Path.Combine(bin, name);
            return asServiceUser
                ? Run("runuser", ["-u", ServiceUser, "--", path, .. arguments], CommandTimeout)
                : Run(path, arguments, CommandTimeout);
        }

        private void Check(ProcessResult result, string what)
        {
            if (result.ExitCode == 0)
            {
                return;
            }
            var log = File.Exists(LogFile) ? ReadLogTail() : "";
            throw new InvalidOperationException(
                $"Could not start the test PostgreSQL server: {what} failed with exit code {result.ExitCode} " +
                $"(binaries: {bin}; as user: {(asServiceUser ? ServiceUser : Environment.UserName)}).{Environment.NewLine}" +
                $"{result.Output}{log}{Environment.NewLine}" +
                $"Set {EnvironmentVariable} to the connection string of a server's admin database to use an existing server instead.");
        }

        private string ReadLogTail()
        {
            try
            {
                var lines = File.ReadAllLines(LogFile);
                return Environment.NewLine + "server log:" + Environment.NewLine + string.Join(Environment.NewLine, lines.TakeLast(30));
            }
            catch (IOException)
            {
                return "";
            }
        }
    }
}
