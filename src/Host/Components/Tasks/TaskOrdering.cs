namespace Butler.Host.Components.Tasks;

/// <summary>The inbox order (red, yellow, green, then the nearest due date) and its search.</summary>
public static class TaskOrdering
{
    public static int LightRank(string light) => light switch
    {
        "red" => 0,
        "yellow" => 1,
        _ => 2,
    };

    public static IReadOnlyList<Butler.Host.Api.Tasks.TaskRow> Arrange(IEnumerable<Butler.Host.Api.Tasks.TaskRow> tasks, string? search)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var terms = (search ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return tasks
            .Where(t => terms.All(term => t.Title.Contains(term, StringComparison.CurrentCultureIgnoreCase)))
            .OrderBy(t => LightRank(t.Light))
            .ThenBy(t => t.Due is null)
            .ThenBy(t => t.Due)
            .ThenBy(t => t.Title, StringComparer.CurrentCulture)
            .ToList();
    }
}
