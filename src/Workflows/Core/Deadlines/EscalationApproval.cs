using System.Text.Json.Nodes;
using Butler.Workflows.Calendar;

namespace Butler.Workflows.Deadlines;

/// <summary>
/// The approval an escalation step opens: its approvers (null: the words that approve escalations), its outcomes (null:
/// the default escalation outcomes), the countersign mode, and its own due time and reminders.
/// </summary>
public sealed record EscalationApproval(JsonNode? Approvers, IReadOnlyList<string>? Outcomes, string Mode, BusinessDuration? Due,
    IReadOnlyList<BusinessDuration> Reminders);
