using System.Globalization;
using Npgsql;

namespace Butler.Bench;

/// <summary>
/// CPU time used by a local PostgreSQL server: the postmaster and all its children (the backends serving our pooled
/// connections live through the whole run), read from /proc. Null where that cannot be seen (remote server, no /proc).
/// </summary>
internal sealed class ServerCpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    private readonly int _postmaster;

    private ServerCpu(int postmaster) => _postmaster = postmaster;

    public static async Task<ServerCpu?> FindAsync(string connectionString)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
            var backend = (int)(await command.ExecuteScalarAsync())!;
            var stat = Stat(backend);
            return stat is null ? null : new ServerCpu(stat.Value.ParentId);
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Total CPU time of the server's processes so far.</summary>
    public TimeSpan Used()
    {
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Stat(pid) is { } s && (pid == _postmaster || s.ParentId == _postmaster))
            {
                ticks += s.Ticks;
            }
        }
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static (int ParentId, long Ticks)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // The command name is in parentheses and may hold spaces; the fields after it are fixed.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return (parent, ticks);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
