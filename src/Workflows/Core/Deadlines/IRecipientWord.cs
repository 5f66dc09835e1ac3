using System.Text.Json.Nodes;
using Butler.Workflows.Notifications;

namespace Butler.Workflows.Deadlines;

/// <summary>
/// A word an escalation step may name in <c>notify</c> instead of a person, declared by a domain that plugs into the
/// engine (the engine itself knows only <c>assignee</c>). The validator accepts the words registered in DI.
/// </summary>
public interface IRecipientWord
{
    /// <summary>The word as written in a definition.</summary>
    string Word { get; }

    /// <summary>True when an escalation's approval without its own approvers goes to this word's people.</summary>
    bool ApprovesEscalations { get; }

    /// <summary>The people the word stands for in a run with these variables; empty when it names nobody there.</summary>
    IReadOnlyList<RecipientSpec> Resolve(JsonObject variables);
}
