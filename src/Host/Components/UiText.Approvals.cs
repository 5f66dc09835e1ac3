using Butler.Workflows.Onboarding;

namespace Butler.Host.Components;

/// <summary>The approvals page, its cards and the navigation badge.</summary>
public static partial class UiText
{
    public static string PendingApprovals => Pick("待决定", "Pending");
    public static string DecidedByMe => Pick("我已决定", "Decided by me");
    public static string NoPendingApprovals => Pick("没有等待您决定的事项。", "Nothing waits for your decision.");
    public static string NoDecidedApprovals => Pick("您还没有决定过任何事项。", "You have not decided anything yet.");
    public static string ApprovalsShown(int shown, int total) => Pick($"共 {total} 项，显示最早的 {shown} 项", $"Showing the first {shown} of {total}");
    public static string PendingBadge(int count) => Pick($"{count} 项待决定", $"{count} pending");

    public static string Project => Pick("项目", "Project");
    public static string Company => Pick("企业", "Company");
    public static string EscalatedTask => Pick("升级的任务", "Escalated task");
    public static string Assignee => Pick("承办", "Assigned to");
    public static string Role => Pick("岗位", "role");
    public static string EscalationLevel => Pick("升级级别", "Escalation level");
    public static string Votes => Pick("已有表决", "Votes so far");
    public static string NoVotes => Pick("尚无表决", "No votes yet");
    public static string Notes => Pick("专班备注", "Squad's notes");
    public static string NoNotes => Pick("暂无备注", "No notes yet");
    public static string Reason => Pick("原因", "Reason");
    public static string DecidedOutcome => Pick("决定", "Decision");
    public static string DecidedAt => Pick("决定时间", "Decided at");
    public static string OpenedAt => Pick("发起时间", "Opened at");

    public static string EscalatedBecause(int? workingDays, int level) => workingDays switch
    {
        null => Pick($"任务已升级（第 {level} 级）", $"The task was escalated (level {level})"),
        0 => Pick($"任务已逾期，升级至第 {level} 级", $"The task is overdue and escalated to level {level}"),
        _ => Pick($"任务逾期 {workingDays} 个工作日，升级至第 {level} 级", $"The task is {workingDays} working day{(workingDays == 1 ? "" : "s")} overdue, escalated to level {level}"),
    };

    /// <summary>How late a task is, in working days (weekends and holidays do not count).</summary>
    public static string Overdue(int? workingDays, bool late) => workingDays switch
    {
        null => NoDue,
        > 0 => Pick($"逾期 {workingDays} 个工作日", $"{workingDays} working day{(workingDays == 1 ? "" : "s")} overdue"),
        _ when late => Pick("今日逾期", "Overdue since today"),
        _ => Pick("未逾期", "Not overdue"),
    };

    public static string Comment => Pick("意见", "Comment");
    public static string NewDueDate => Pick("新的截止日期（延期时必填）", "New due date (required to extend)");
    public static string ReassignTo => Pick("改派给（改派时必填）", "Reassign to (required to reassign)");
    public static string ChooseNewDue => Pick("请选择新的截止日期。", "Choose the new due date.");
    public static string NewDueInPast => Pick("新的截止日期须晚于现在。", "The new due date must be in the future.");
    public static string ChooseAssignee => Pick("请选择改派对象。", "Choose whom to reassign the task to.");
    public static string NoSuchUserToReassign => Pick("没有这个用户。", "There is no such user.");
    public static string CommentTooLong => Pick("意见最多 4000 字。", "A comment has at most 4000 characters.");
    public static string UnknownOutcome => Pick("此事项不接受这个决定。", "This approval does not take that decision.");
    public static string NotAnApprover => Pick("您不是此事项的审批人。", "You are not an approver of this approval.");
    public static string AlreadyDecided => Pick("此事项已经决定，或您已表决。", "This approval is already decided, or you have already voted.");
    public static string ApprovalGone => Pick("此事项不存在。", "This approval no longer exists.");
    public static string DecisionRefused => Pick("决定未被接受。", "The decision was refused.");
    public static string DecisionSaved(string outcome) => Pick($"已提交：{outcome}", $"Recorded: {outcome}");
    public static string DecisionFields => Pick("作出决定", "Decide");

    /// <summary>An approval outcome in words; one a definition invents is shown as written.</summary>
    public static string Outcome(string outcome) => Butler.Workflows.Activities.OutcomeWords.Of(outcome).Current;

    public static string SelectAll => Pick("全选", "Select all");
    public static string SelectedCount(int count) => Pick($"已选 {count} 项", count == 1 ? "1 selected" : $"{count} selected");
    public static string SelectApproval(string title) => Pick($"选择：{title}", $"Select {title}");
    public static string BatchComment => Pick("批量意见", "Comment for all");
    public static string BatchDecide(string outcome, int count) => Pick($"批量{outcome}（{count}）", $"{outcome} all ({count})");
    public static string BatchDecided(int count, string outcome) => Pick($"已{outcome} {count} 项。", $"{outcome}: {count} decided.");
    public static string NoCommonOutcome => Pick("所选审批没有共同的决定选项，请逐个决定。", "The selected approvals share no outcome; decide them one by one.");

    public static string ApprovalModeLabel => Pick("审批方式", "Mode");

    /// <summary>How an approval's votes count, in words.</summary>
    public static string ApprovalMode(string mode, int? threshold) => mode switch
    {
        "all" => Pick("会签（须全体同意）", "All must approve"),
        "majority" => Pick("会签（过半数）", "Majority"),
        "sequential" => Pick("依次审批（按顺序逐一审批）", "Sequential (one after another)"),
        "weighted" => Pick($"票签（达到 {threshold ?? 1} 票即决定）", $"Weighted (decided at {threshold ?? 1} votes)"),
        _ => Pick("或签（一人决定即可）", "Any one decides"),
    };

    public static string Approvers => Pick("审批人", "Approvers");
    public static string WithWeight(string name, int weight) => Pick($"{name}（{weight} 票）", $"{name} ({weight})");
    public static string AddedSigners => Pick("加签人", "Added signers");

    /// <summary>Where an added signer signs, relative to the approver whose seat they joined (null: the approval as a whole).</summary>
    public static string SignerPosition(string position, string? of) => (position, of) switch
    {
        ("before", { } seat) => Pick($"在{seat}之前审批", $"before {seat}"),
        ("after", { } seat) => Pick($"在{seat}之后审批", $"after {seat}"),
        ("parallel", { } seat) => Pick($"与{seat}一同审批", $"beside {seat}"),
        ("before", null) => Pick("在全部审批人之前", "before all approvers"),
        ("after", null) => Pick("在全部审批人之后", "after all approvers"),
        _ => Pick("增加的审批人", "one more approver"),
    };

    public static string AddedBy(string name) => Pick($"{name} 加签", $"added by {name}");
    public static string RemoveSigner => Pick("减签", "Remove");
    public static string AwaitingLabel => Pick("待审批", "Waiting for");
    public static string AddSigners => Pick("加签", "Add signers");
    public static string SignersToAdd => Pick("加签人", "People to add");
    public static string SignerPositionLabel => Pick("加签方式", "Where they sign");

    /// <summary>The choices of where added signers sign: beside the viewer's own seat, or the approval as a whole.</summary>
    public static string SignerPositionChoice(string position, bool ownSeat) => (position, ownSeat) switch
    {
        ("before", true) => Pick("在我之前审批（前加签）", "Before me"),
        ("after", true) => Pick("在我之后审批（后加签）", "After me"),
        ("parallel", true) => Pick("与我一同审批（并加签）", "Beside me"),
        ("before", false) => Pick("在全部审批人之前", "Before all approvers"),
        ("after", false) => Pick("在全部审批人之后", "After all approvers"),
        _ => Pick("增加为审批人", "As one more approver"),
    };

    public static string ConfirmAddSigners => Pick("确认加签", "Add them");
    public static string ChooseSigners => Pick("请选择加签人。", "Choose whom to add.");
    public static string NotYourTurn(string waiting) => Pick($"尚未轮到您：须先由 {waiting} 审批。", $"Not your turn yet: waiting for {waiting} first.");
    public static string SignersChanged => Pick("加签人已更新。", "The signers were updated.");
}
