using System.Text.Json.Nodes;
using Butler.Workflows.Deadlines;
using Butler.Workflows.Notifications;

namespace Butler.Workflows.Onboarding;

/// <summary>
/// <c>responsibleLeader</c> in an escalation step: the project's responsible leader, the run's variable of that name
/// (a user name), or else the Leader role. An escalation approval without approvers goes to them.
/// </summary>
internal sealed class ResponsibleLeaderWord : IRecipientWord
{
    public const string Name = "responsibleLeader";

    public string Word => Name;

    public bool ApprovesEscalations => true;

    public IReadOnlyList<RecipientSpec> Resolve(JsonObject variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return variables[Name] is JsonValue leader && leader.TryGetValue<string>(out var name) && name.Length > 0
            ? [new RecipientSpec(name, null)]
            : [new RecipientSpec(null, "Leader")];
    }
}
