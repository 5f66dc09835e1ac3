namespace Butler.Workflows.Onboarding;

/// <summary>The leader's on-site office (领导现场办公): an escalation outcome, and the work item it opens beside the flow.</summary>
public static class OnSiteOffice
{
    /// <summary>The outcome an escalation approval offers for it.</summary>
    public const string Outcome = "OnSiteOffice";

    /// <summary>The kind of the work item deciding it opens for the deciding leader.</summary>
    public const string Kind = "OnSiteOffice";
}
