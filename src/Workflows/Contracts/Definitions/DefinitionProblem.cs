using System.Text.Json.Serialization;
using Butler.Workflows.Activities;

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

    /// <summary>A problem told in both languages.</summary>
    public DefinitionProblem(string path, LocalizedText message)
        : this(path, (message ?? throw new ArgumentNullException(nameof(message))).En, message.ZhCn)
    {
    }

    /// <summary>The message in zh-CN; null for problems made without one.</summary>
    public string? MessageZh { get; init; }

    /// <summary>Both messages as one text (the English one in both languages when there is no zh-CN one).</summary>
    [JsonIgnore]
    public LocalizedText Text => new(Message, MessageZh ?? Message);

    /// <summary>The message in the given culture, by the one rule of <see cref="Languages"/>: English for an English culture, zh-CN otherwise.</summary>
    public string For(string? culture) => Text.For(culture);
}
