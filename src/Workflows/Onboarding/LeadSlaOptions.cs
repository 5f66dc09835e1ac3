namespace Butler.Workflows.Onboarding;

/// <summary>How long the owner of a new lead has to respond and then to assess it; the host binds them from <c>Butler:Onboarding</c>.</summary>
public sealed class LeadSlaOptions
{
    /// <summary>Working days (<c>1wd</c>) or ISO 8601 time (<c>PT4H</c>) from the lead's creation to the response.</summary>
    public string RespondWithin { get; set; } = "1wd";

    /// <summary>Working days or ISO 8601 time from the response to the assessment.</summary>
    public string AssessWithin { get; set; } = "3wd";
}
