using Butler.Workflows.Activities;

namespace Butler.Workflows.Definitions;

/// <summary>A definition as listed: its newest version and the newest published one.</summary>
public sealed record DefinitionSummary(string Id, LocalizedText Name, LocalizedText? Description, int LatestVersion, int? PublishedVersion, bool HasDraft, DateTimeOffset UpdatedAt);
