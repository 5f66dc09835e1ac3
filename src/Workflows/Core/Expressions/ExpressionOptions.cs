namespace Butler.Workflows.Expressions;

/// <summary>Limits that keep a bad expression from hurting the server.</summary>
public sealed class ExpressionOptions
{
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);
    public int MaxStatements { get; set; } = 10_000;
    public long MemoryLimitBytes { get; set; } = 4_000_000;
    public int MaxRecursion { get; set; } = 64;
}
