namespace Butler.Workflows.Onboarding;

/// <summary>A team of users with a team lead; its members see the tasks assigned to the team.</summary>
public sealed class Team
{
    /// <summary>The role name under which tasks are assigned to a team: <c>team:{id}</c>.</summary>
    public const string RolePrefix = "team:";

    public Guid Id { get; set; }
    /// <summary>The team's name in both languages (a plain name is the same in both).</summary>
    public Butler.Workflows.Activities.LocalizedText Name { get; set; } = new("");
    public TeamKind Kind { get; set; }
    public string? LeadUserName { get; set; }
    public Guid? LeaderId { get; set; }
    public List<TeamMember> Members { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }

    public string RoleName => RolePrefix + Id.ToString("D");
}
