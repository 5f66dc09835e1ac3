using System.Text.Json.Nodes;
using Butler.Workflows.Activities;
using Butler.Workflows.Runtime;

namespace Butler.Workflows.Onboarding;

/// <summary>Moves the lead of this run to a status (assessed, deep negotiation, signed, dropped) and stamps the day.</summary>
public sealed class LeadStatusActivity : Activity
{
    public const string EventName = "lead.status";

    public static readonly ActivityInput<string?> Status = ActivityInput.String(
        new InputDescriptor("status", InputType.Choice, true, T("Status", "状态"),
            T("assessed, deepNegotiation, signed or dropped.", "已研判、深度洽谈、已签约或已放弃。"))
        {
            Options = [.. Enum.GetValues<LeadStatus>().Where(s => s != LeadStatus.New).Select(WireNames.Wire)],
            OptionWords = OnboardingWords.Choices<LeadStatus>(OnboardingWords.Lead, s => s != LeadStatus.New),
        });

    public override ActivityDescriptor Descriptor { get; } = new(
        "SetLeadStatus", T("Set lead status", "设置线索状态"),
        T("Moves the lead of this run to a status and stamps the day; a lead already further along stays where it is.",
          "将本流程所属线索推进到某一状态并记录日期；已推进更远的线索保持不变。"),
        "Onboarding", "flag",
        [Status.Descriptor],
        [Done]);

    public override ActivityResult Execute(ActivityContext context)
    {
        var status = Status.Read(context);
        if (!WireNames.TryParse<LeadStatus>(status, out var value) || value == LeadStatus.New)
        {
            return ActivityResult.Fault($"'{status}' is not a status a lead can be moved to.");
        }
        context.Raise(EventName, new JsonObject { ["status"] = WireNames.Wire(value) });
        return ActivityResult.Complete(Done);
    }
}
