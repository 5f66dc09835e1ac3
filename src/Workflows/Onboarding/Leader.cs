namespace Butler.Workflows.Onboarding;

/// <summary>A district leader who leads investment promotion for one or more industry chains (包联领导).</summary>
public sealed class Leader
{
    public Guid Id { get; set; }

    /// <summary>The leader's user account (Leader role); approvals and escalations go to it.</summary>
    public string UserName { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>Office held, e.g. 区委书记 / district party secretary.</summary>
    public Butler.Workflows.Activities.LocalizedText? Title { get; set; }

    /// <summary>Codes of the industry chains this leader owns.</summary>
    public List<string> Chains { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
}
