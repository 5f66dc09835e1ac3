using System.Text.Json.Serialization;

namespace Butler.Workflows.Activities;

/// <summary>A user-facing text in both languages the product speaks.</summary>
public sealed record LocalizedText(
    [property: JsonPropertyName("en")] string En,
    [property: JsonPropertyName("zh-CN")] string ZhCn)
{
    public string For(string? culture) =>
        culture is not null && culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? ZhCn : En;
}
