namespace Butler.Host.Components;

/// <summary>The strings of the task list and the task page.</summary>
public static partial class UiText
{
    public static string ClaimedBy(string user) => Pick($"已由 {user} 认领", $"Claimed by {user}");
}
