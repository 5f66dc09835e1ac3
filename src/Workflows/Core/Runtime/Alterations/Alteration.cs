namespace Butler.Workflows.Runtime.Alterations;

/// <summary>
/// One change an administrator makes to a running or faulted instance, outside its flow: applied in memory by the
/// interpreter, journalled with who and why, and committed like any other stimulus.
/// </summary>
public abstract record Alteration;
