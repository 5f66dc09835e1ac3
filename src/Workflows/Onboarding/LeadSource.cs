namespace Butler.Workflows.Onboarding;

public enum LeadSource
{
    Trip,
    Visit,
    Reception,
    Referral,
    Expo,
    Other,
}
