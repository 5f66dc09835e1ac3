namespace Butler.Workflows.Definitions;

/// <summary>Fixed words of the definition format that the validator checks and the designer offers.</summary>
public static class DefinitionVocabulary
{
    /// <summary>The types a task's form field may have.</summary>
    public static readonly IReadOnlyList<string> FieldTypes = ["text", "textarea", "number", "date", "boolean", "select"];

    /// <summary>The words an escalation step may notify besides user and role specs: the task's assignee, and the words an engine extension adds (the onboarding domain's team lead and responsible leader).</summary>
    public static readonly IReadOnlyList<string> EscalationWords = ["assignee", "teamLead", "responsibleLeader"];
}
