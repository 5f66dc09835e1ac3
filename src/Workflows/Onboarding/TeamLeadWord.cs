using System.Text.Json.Nodes;
using Butler.Workflows.Deadlines;
using Butler.Workflows.Notifications;

namespace Butler.Workflows.Onboarding;

/// <summary><c>teamLead</c> in an escalation step: the service squad's lead, the run's variable of that name (a user name); nobody without it.</summary>
internal sealed class TeamLeadWord : IRecipientWord
{
    public const string Name = "teamLead";

    public string Word => Name;

    public bool ApprovesEscalations => false;

    public IReadOnlyList<RecipientSpec> Resolve(JsonObject variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return variables[Name] is JsonValue lead && lead.TryGetValue<string>(out var name) && name.Length > 0
            ? [new RecipientSpec(name, null)]
            : [];
    }
}
