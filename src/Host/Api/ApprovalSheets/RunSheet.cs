namespace Butler.Host.Api.ApprovalSheets;

/// <summary>
/// 审批单: a run as the archive keeps it on paper — what it is, the project it serves, every step someone took with their
/// signature, and room for the seal. Every word is already in the reader's language and every time in the district's.
/// </summary>
public sealed record RunSheet(
    Guid InstanceId,
    string Title,
    string Status,
    string StartedBy,
    string StartedAt,
    string? FinishedAt,
    SheetProject? Project,
    IReadOnlyList<SheetStep> Steps,
    string PrintedAt,
    string Language);
