using System.Text.Json.Nodes;
using Butler.Workflows.Deadlines;
using Butler.Workflows.Definitions;
using Butler.Workflows.Runtime;

namespace Butler.Workflows.Activities;

/// <summary>Asks one or more approvers to decide; countersign (会签) by any, all or a majority.</summary>
public sealed class ApprovalActivity : Activity
{
    public static readonly IReadOnlyList<string> DefaultOutcomes = [Approval.Approve, Approval.Reject];

    public static readonly ActivityInput<LocalizedText?> Title = ActivityInput.Template(
        new InputDescriptor("title", InputType.Template, false, T("Title", "标题"), T("What is to be decided; {{variable}} placeholders are filled in.", "待决策事项；{{变量}} 占位符会被替换。")));

    public static readonly ActivityInput<JsonNode?> Approvers = ActivityInput.Spec(
        new InputDescriptor("approvers", InputType.AssigneeList, true, T("Approvers", "审批人"),
            T("Users, roles, or an expression such as project.leader.", "用户、角色或表达式，如 project.leader。")));

    /// <summary>The outcomes to decide between; <see cref="DefaultOutcomes"/> when none are listed.</summary>
    public static readonly ActivityInput<IReadOnlyList<string>> Outcomes = ActivityInput.StringList(
        new InputDescriptor("outcomes", InputType.StringList, false, T("Outcomes", "决策选项"),
            T("Any of Approve, Reject, Extend, Reassign, an outcome an engine extension adds, or your own.", "可选：同意、驳回、延期、改派、扩展模块提供的结果，或自定义。"))
        {
            Default = new JsonArray([.. DefaultOutcomes.Select(o => (JsonNode?)o)]),
        });

    public static readonly ActivityInput<string?> Mode = ActivityInput.String(
        new InputDescriptor("mode", InputType.Choice, false, T("Countersign", "会签方式"),
            T("any: the first decision counts; all: everyone must approve; majority: more than half.", "任一：首个决定生效；全部：须全体同意；多数：过半数。"))
        {
            Default = "any",
            Options = ["any", "all", "majority"],
            OptionWords = new Dictionary<string, LocalizedText>(StringComparer.Ordinal)
            {
                ["any"] = T("any (the first decision counts)", "任一（首个决定生效）"),
                ["all"] = T("all (everyone must agree)", "全部（须全体同意）"),
                ["majority"] = T("majority (more than half)", "多数（过半数）"),
            },
        });

    /// <summary>抄送: who gets a copy to read when the step completes.</summary>
    public static readonly ActivityInput<JsonNode?> Cc = ActivityInput.Spec(
        new InputDescriptor("cc", InputType.AssigneeList, false, T("Copy to", "抄送"),
            T("Users, roles or teams who get a copy to read once it is decided.", "决定后抄送给这些用户、角色或专班，供其查阅。")));

    public override ActivityDescriptor Descriptor { get; } = new(
        "Approval", T("Approval", "审批"),
        T("Asks approvers to decide; continues on the decided outcome.", "请审批人决策，按决策结果继续。"),
        "People", "gavel",
        [
            Title.Descriptor,
            Approvers.Descriptor,
            Outcomes.Descriptor,
            Mode.Descriptor,
            Cc.Descriptor,
            DeadlineInputs.Due,
            DeadlineInputs.Reminders,
            DeadlineInputs.Escalation,
        ],
        DefaultOutcomes)
    {
        OutcomesFromInput = true,
        IsBlocking = true,
    };

    public override IReadOnlyList<string> GetOutcomes(ActivityModel activity) => Outcomes.Read(activity.Inputs);

    public override IEnumerable<DefinitionProblem> Validate(ActivityModel activity, string path, ValidationContext context)
    {
        var duplicate = GetOutcomes(activity).GroupBy(o => o, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            yield return new DefinitionProblem($"{path}.inputs.{Outcomes.Name}", $"Outcome '{duplicate.Key}' is listed twice.",
                $"审批结果 '{duplicate.Key}' 重复列出。");
        }
    }

    public override ActivityResult Execute(ActivityContext context)
    {
        var approvers = context.ResolveApprovers(Approvers.Read(context));
        if (approvers.Count == 0)
        {
            return ActivityResult.Fault($"The approvers of '{context.ActivityId}' resolved to nobody.");
        }
        var title = context.RenderTemplate(Title.Read(context) ?? context.Activity.Name ?? new LocalizedText(context.ActivityId));
        context.OpenApproval(title, approvers, Outcomes.Read(context), Mode.Read(context)!);
        return ActivityResult.Wait();
    }

    public override ActivityResult Resume(ActivityContext context, Stimulus stimulus)
    {
        var decided = (ApprovalDecidedStimulus)stimulus;
        if (decided.Vote.NewDue is { } newDue)
        {
            context.Variables[$"{context.ActivityId}NewDue"] = newDue;
        }
        context.Copy(Cc.Read(context), null, decided.Approval, decided.Actor.UserName);
        return ActivityResult.Complete(decided.Outcome);
    }
}
