namespace Butler.Host.Api.ApprovalSheets;

/// <summary>
/// One thing a person did in the run, as the sheet prints it: the step, the person's display name, the outcome in words,
/// their comment, the district's time, and their handwritten signature (PNG) where they keep one.
/// </summary>
public sealed record SheetStep(int Number, string Step, string Person, string Outcome, string? Comment, string At, byte[]? Signature);
