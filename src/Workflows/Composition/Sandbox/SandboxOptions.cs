namespace Butler.Workflows.Sandbox;

/// <summary>Limits of test runs.</summary>
public sealed class SandboxOptions
{
    /// <summary>Test runs open at once on this host; each holds a small in-memory database.</summary>
    public int MaxSessions { get; set; } = 20;

    /// <summary>A test run nobody has touched for this long is stopped and its database dropped.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
}
