namespace Butler.Workflows.Onboarding;

public sealed class TeamMember
{
    public Guid TeamId { get; set; }
    public string UserName { get; set; } = "";
}
