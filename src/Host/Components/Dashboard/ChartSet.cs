namespace Butler.Host.Components.Dashboard;

/// <summary>One series of a chart: its values to draw and the same values as text for the table.</summary>
public sealed record ChartSet(string Name, IReadOnlyList<double> Values, IReadOnlyList<string> Text);
