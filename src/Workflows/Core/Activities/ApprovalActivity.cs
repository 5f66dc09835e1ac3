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
            T("any: the first decision counts; all: everyone must approve; majority: more than half; sequential: one after another in the listed order; weighted: votes weigh as set until an outcome reaches the threshold.",
                "任一：首个决定生效；全部：须全体同意；多数：过半数；依次：按所列顺序逐一审批；票签：按权重计票，达到阈值即决定。"))
        {
            Default = "any",
            Options = ["any", "all", "majority", "sequential", "weighted"],
            OptionWords = new Dictionary<string, LocalizedText>(StringComparer.Ordinal)
            {
                ["any"] = T("any (the first decision counts)", "任一（首个决定生效）"),
                ["all"] = T("all (everyone must agree)", "全部（须全体同意）"),
                ["majority"] = T("majority (more than half)", "多数（过半数）"),
                ["sequential"] = T("sequential (one after another, in order)", "依次审批（按顺序逐一审批）"),
                ["weighted"] = T("weighted (votes by weight, up to a threshold)", "票签（按权重计票，达到阈值）"),
            },
        });

    /// <summary>票签: each approver's weight (1 when not listed).</summary>
    public static readonly ActivityInput<IReadOnlyDictionary<string, int>> Weights = ActivityInput.WeightMap(
        new InputDescriptor("weights", InputType.WeightMap, false, T("Weights", "票数权重"),
            T("For weighted: each approver's weight (user name and a whole number; 1 when not listed).", "票签时：各审批人的票数（用户名与整数；未列出的为 1）。")));

    /// <summary>票签: the weight an outcome needs.</summary>
    public static readonly ActivityInput<int?> Threshold = ActivityInput.Count(
        new InputDescriptor("threshold", InputType.Count, false, T("Threshold", "通过票数"),
            T("For weighted: the weight an outcome needs to be decided.", "票签时：某一结果达到此票数即决定。")));

    /// <summary>去重: an approver who approved an earlier step of the run is recorded as approved.</summary>
    public static readonly ActivityInput<bool> SkipIfApprovedBefore = ActivityInput.Switch(
        new InputDescriptor("skipIfApprovedBefore", InputType.Switch, false, T("Skip who approved before", "已审批过的自动同意"),
            T("An approver who already approved an earlier step of this run is recorded as approved.", "审批人在本流程前面的步骤已同意过的，自动记为同意。")));

    /// <summary>What happens when the approvers resolve to nobody.</summary>
    public static readonly ActivityInput<string?> WhenNoApprover = ActivityInput.String(
        new InputDescriptor("whenNoApprover", InputType.Choice, false, T("When nobody approves", "审批人为空时"),
            T("fault: stop the run with an incident; skip: pass the step as approved; admin: ask the administrators.", "报错：流程中止并记录异常；跳过：本步视为同意；管理员：转交管理员审批。"))
        {
            Default = NoApproverFault,
            Options = [NoApproverFault, NoApproverSkip, NoApproverAdmin],
            OptionWords = new Dictionary<string, LocalizedText>(StringComparer.Ordinal)
            {
                [NoApproverFault] = T("fault (stop with an incident)", "报错（中止并记录异常）"),
                [NoApproverSkip] = T("skip (pass as approved)", "跳过（视为同意）"),
                [NoApproverAdmin] = T("admin (ask the administrators)", "管理员（转交管理员审批）"),
            },
        });

    /// <summary>The role <c>whenNoApprover: admin</c> hands the approval to.</summary>
    public const string AdminRole = "Admin";

    public const string NoApproverFault = "fault";
    public const string NoApproverSkip = "skip";
    public const string NoApproverAdmin = "admin";

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
            Weights.Descriptor,
            Threshold.Descriptor,
            SkipIfApprovedBefore.Descriptor,
            WhenNoApprover.Descriptor,
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
        foreach (var problem in DeadlinePolicy.CheckActions(activity, GetOutcomes(activity), path))
        {
            yield return problem;
        }
        var mode = Mode.Read(activity.Inputs);
        if (mode == "weighted" && Threshold.Read(activity.Inputs) is null)
        {
            yield return new DefinitionProblem($"{path}.inputs.{Threshold.Name}", "A weighted approval needs a threshold: the weight an outcome needs.",
                "票签须设置通过票数：某一结果须达到的票数。");
        }
        if (mode == "sequential" && !GetOutcomes(activity).Contains(Approval.Approve))
        {
            yield return new DefinitionProblem($"{path}.inputs.{Outcomes.Name}", "A sequential approval passes from one approver to the next on Approve, so its outcomes must include Approve.",
                "依次审批在“同意”后交给下一位审批人，结果中须包含 Approve。");
        }
    }

    public override ActivityResult Execute(ActivityContext context)
    {
        var approvers = context.ResolveApprovers(Approvers.Read(context));
        var outcomes = Outcomes.Read(context);
        if (approvers.Count == 0)
        {
            switch (WhenNoApprover.Read(context))
            {
                case NoApproverSkip:
                    var passed = outcomes.Contains(Approval.Approve) ? Approval.Approve : outcomes[0];
                    context.Journal(JournalKind.NoApprover, passed, NoApproverSkip);
                    return ActivityResult.Complete(passed);
                case NoApproverAdmin:
                    context.Journal(JournalKind.NoApprover, null, NoApproverAdmin);
                    approvers = [new Notifications.RecipientSpec(null, AdminRole)];
                    break;
                default:
                    return ActivityResult.Fault($"The approvers of '{context.ActivityId}' resolved to nobody.");
            }
        }
        var title = context.RenderTemplate(Title.Read(context) ?? context.Activity.Name ?? new LocalizedText(context.ActivityId));
        var approval = context.OpenApproval(title, approvers, outcomes, Mode.Read(context)!, Weights.Read(context), Threshold.Read(context));
        if (approval.Status == ApprovalStatus.Decided)
        {
            // 去重: everyone whose vote decides it had approved before.
            context.Copy(Cc.Read(context), null, approval, "system");
            return ActivityResult.Complete(approval.Outcome!);
        }
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
