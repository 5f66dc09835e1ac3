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
}
