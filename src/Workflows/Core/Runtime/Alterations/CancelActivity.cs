namespace Butler.Workflows.Runtime.Alterations;

/// <summary>
/// Stops waiting at an activity (its open task is cancelled); with <paramref name="Branch"/>, also at every activity
/// downstream of it up to the next Join.
/// </summary>
public sealed record CancelActivity(string ActivityId, bool Branch = false) : Alteration;
