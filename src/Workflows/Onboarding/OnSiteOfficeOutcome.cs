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
            new OpenSideTask(OnSiteOffice.Kind,
                new Activities.LocalizedText($"Leader on-site office: {decision.Task.Title.En}", $"领导现场办公：{decision.Task.Title.ZhCn}"),
                decision.Vote.Approver,
                ["Done"], "on-site office"),
        ];
    }
}
