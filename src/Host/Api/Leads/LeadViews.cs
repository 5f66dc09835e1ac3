using Butler.Host.Api.Organisation;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Runtime;

namespace Butler.Host.Api.Leads;

/// <summary>
/// A lead (线索) as the API shows it. <c>intendedInvestment</c> is in CNY; <c>status</c> is new, assessed,
/// deepNegotiation, signed or dropped, with the day each step was reached.
/// </summary>
public sealed record LeadView(Guid Id, string Source, string Company, ChainView Chain, decimal IntendedInvestment, string? Contact,
    string Owner, string Status, string? Note, DateOnly ReceivedOn, DateOnly? AssessedOn, DateOnly? NegotiationOn,
    DateOnly? SignedOn, DateOnly? DroppedOn, Guid? ProjectId, Guid? SlaInstanceId, string CreatedBy, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt, int Revision)
{
    public static LeadView From(Lead l, IReadOnlyDictionary<string, IndustryChain> chains) => new(
        l.Id, WireNames.Wire(l.Source), l.Company, ChainView.Of(l.ChainCode, chains), l.IntendedInvestment, l.Contact,
        l.Owner, WireNames.Wire(l.Status), l.Note, l.ReceivedOn, l.AssessedOn, l.NegotiationOn, l.SignedOn, l.DroppedOn,
        l.ProjectId, l.SlaInstanceId, l.CreatedBy, l.CreatedAt, l.UpdatedAt, l.Revision);
}

/// <summary>One lead with its promotion activities, the statuses it may move to and where its SLA stands.</summary>
public sealed record LeadDetail(LeadView Lead, IReadOnlyList<string> NextStatuses, IReadOnlyList<PromotionActivityView> Activities, LeadSlaView? Sla);

/// <summary>The lead's SLA run: running, completed, faulted or cancelled, and the steps it still waits for.</summary>
public sealed record LeadSlaView(Guid InstanceId, string Status, IReadOnlyList<LeadSlaStepView> OpenSteps);

/// <summary>An open SLA step: respond or assess, whose it is, when it is due and its light (green, yellow, red).</summary>
public sealed record LeadSlaStepView(Guid TaskId, string Step, string Title, string? Assignee, DateTimeOffset? Due, string Light);

/// <summary>A trip (外出招商), visit (拜访) or reception (接待考察) with its date, people and place, optionally about one lead.</summary>
public sealed record PromotionActivityView(Guid Id, string Kind, DateOnly Date, string People, string? Place, string? Note,
    Guid? LeadId, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static PromotionActivityView From(PromotionActivity a) => new(a.Id, WireNames.Wire(a.Kind), a.Date, a.People, a.Place,
        a.Note, a.LeadId, a.RecordedBy, a.RecordedAt);
}

/// <summary>
/// A new lead. <c>source</c> is trip, visit, reception, referral, expo or other; <c>chain</c> an industry chain code;
/// <c>intendedInvestment</c> in CNY; <c>owner</c> defaults to the caller, <c>receivedOn</c> to today.
/// </summary>
public sealed record CreateLeadRequest(string? Source, string? Company, string? Chain, decimal? IntendedInvestment, string? Contact,
    string? Owner, string? Note, DateOnly? ReceivedOn);

/// <summary>
/// Changes to a lead: fields left out (null) stay as they are. <c>status</c> moves forward or to dropped; <c>revision</c>,
/// when sent, must be the stored one.
/// </summary>
public sealed record UpdateLeadRequest(string? Source, string? Company, string? Chain, decimal? IntendedInvestment, string? Contact,
    string? Owner, string? Status, string? Note, DateOnly? ReceivedOn, int? Revision);

/// <summary>
/// How a signed lead becomes a project: <c>squadId</c> (a service squad) is required; the rest defaults from the lead
/// (name and company, chain, intended investment, the day it was signed) and from its chain's leader.
/// </summary>
public sealed record ConvertLeadRequest(string? Name, decimal? PlannedInvestment, DateOnly? ContractDate, Guid? LeaderId, Guid? SquadId,
    string? PlannedStartMonth, bool? HighTech, bool? ChainGapFilling);

/// <summary>
/// A trip, visit or reception to record; <c>leadId</c> optionally ties it to a lead; with a trip, <c>proxy</c> names the
/// recorder's out-of-office proxy (代理人) for its days.
/// </summary>
public sealed record RecordPromotionActivityRequest(string? Kind, DateOnly? Date, string? People, string? Place, string? Note, Guid? LeadId,
    Proxies.TripProxyRequest? Proxy = null);

internal static class LeadSlaViews
{
    public static LeadSlaView From(WorkflowInstance instance, IEnumerable<WorkItem> open, DateTimeOffset now) => new(
        instance.Id, WireNames.Wire(instance.Status),
        [.. open.OrderBy(w => w.CreatedAt).Select(w => new LeadSlaStepView(w.Id, w.ActivityId, w.Title.Current, w.AssigneeUser ?? w.AssigneeRole, w.DueAt, w.LightAt(now)))]);
}
