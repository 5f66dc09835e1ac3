using System.Text.Json.Nodes;

namespace Butler.Workflows.Deadlines;

/// <summary>One entry of an escalation step's <c>notify</c>: a word (<c>assignee</c> or one an extension declares) or an assignee spec.</summary>
public sealed record EscalationRecipient(string? Word, JsonNode? Spec);
