using System.Text.Json.Nodes;

namespace Butler.Workflows.Activities;

/// <summary>One input an activity reads from its definition.</summary>
public sealed record InputDescriptor(
    string Name,
    InputType Type,
    bool Required,
    LocalizedText DisplayName,
    LocalizedText Description)
{
    public JsonNode? Default { get; init; }
    public IReadOnlyList<string>? Options { get; init; }

    /// <summary>The words for each of <see cref="Options"/>, as the designer shows them; an option without words shows as written.</summary>
    public IReadOnlyDictionary<string, LocalizedText>? OptionWords { get; init; }

    /// <summary>An option in the given culture: its words when the activity gives them, else as written.</summary>
    public string OptionFor(string option, string? culture) =>
        OptionWords is not null && OptionWords.TryGetValue(option, out var words) ? words.For(culture) : option;
}
