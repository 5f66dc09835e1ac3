namespace Butler.Workflows.Runtime.Alterations;

/// <summary>
/// Moves the instance to another published version of its definition; allowed only when every activity it waits at
/// exists in that version with the same type.
/// </summary>
public sealed record MoveToVersion(int Version) : Alteration;
