using Butler.Workflows.Persistence;

namespace Butler.Host.Configuration;

/// <summary>The <c>Butler</c> configuration section.</summary>
public sealed class ButlerOptions
{
    public const string Section = "Butler";

    /// <summary>Where the SQLite file, keys and mail pickup live; relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Seeds demo users and a demo workflow on an empty database.</summary>
    public bool Demo { get; set; }

    /// <summary>The password of the demo users; used only in demo mode.</summary>
    public string? DemoPassword { get; set; }

    /// <summary>In demo mode, also seed the demo district (leaders, squads, 2025 figures, 2026 projects). Tests turn it off.</summary>
    public bool DemoDistrict { get; set; } = true;

    public DatabaseOptions Database { get; set; } = new();

    public AuthOptions Auth { get; set; } = new();
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

public sealed class AuthOptions
{
    /// <summary>Base64 key (at least 32 bytes) signing access tokens; generated into the data folder when absent.</summary>
    public string? SigningKey { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// How long a host trusts what it last read of an account's security stamp: a locked account, a removed role or a new
    /// password ends the sessions signed in before (tokens, sign-in cookies, open pages) within this time, on every host.
    /// </summary>
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    public const string Issuer = "butler";
    public const string Audience = "butler-api";
}
