namespace Butler.Workflows.Deadlines;

/// <summary>A change an escalation outcome asks of the run; the engine applies it to the change set and journals it.</summary>
public abstract record EscalationOperation;
