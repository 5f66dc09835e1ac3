using System.Text.Json.Serialization;

namespace Butler.Workflows.Definitions;

/// <summary>
/// One thing wrong with a definition: where (a JSON path) and why. <see cref="Message"/> is English (the API's problem
/// details are English); <see cref="MessageZh"/> is the same in zh-CN for the designer.
/// </summary>
public sealed record DefinitionProblem(string Path, string Message)
{
    [JsonConstructor]
    public DefinitionProblem(string path, string message, string messageZh)
        : this(path, message)
    {
        MessageZh = messageZh;
    }

    /// <summary>The message in zh-CN; null for problems made without one.</summary>
    public string? MessageZh { get; init; }

    /// <summary>The message in the given culture: zh-CN (any "zh…") when there is one, English otherwise.</summary>
    public string For(string? culture) =>
        culture is not null && culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase) && MessageZh is not null ? MessageZh : Message;
}
