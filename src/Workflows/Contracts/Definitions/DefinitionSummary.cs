namespace Butler.Workflows.Definitions;

/// <summary>A definition as listed: its newest version and the newest published one.</summary>
public sealed record DefinitionSummary(string Id, string Name, string? Description, int LatestVersion, int? PublishedVersion, bool HasDraft, DateTimeOffset UpdatedAt);
