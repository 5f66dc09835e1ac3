using Butler.Workflows.Deadlines;

namespace Butler.Workflows.Onboarding;

/// <summary>Deciding an escalation with <see cref="OnSiteOffice.Outcome"/> opens an on-site office work item for the deciding leader.</summary>
internal sealed class OnSiteOfficeOutcome : IEscalationOutcome
{
    public string Outcome => OnSiteOffice.Outcome;

    public bool OfferedByDefault => true;

    public IReadOnlyList<EscalationOperation> Decide(EscalationDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return
        [
            new OpenSideTask(OnSiteOffice.Kind, $"领导现场办公 / Leader on-site office: {decision.Task.Title}", decision.Vote.Approver,
                ["Done"], "on-site office"),
        ];
    }
}
