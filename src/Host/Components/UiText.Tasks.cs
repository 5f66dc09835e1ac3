using Butler.Workflows.Onboarding;

namespace Butler.Host.Components;

/// <summary>The strings of the task list and the task page.</summary>
public static partial class UiText
{
    public static string TaskClaimedBy(string user) => Pick($"已由 {user} 认领", $"Claimed by {user}");
    public static string TaskHeading => Pick("任务", "Task");
    public static string TaskBackToTasks => Pick("返回我的任务", "Back to my tasks");
    public static string TaskNotFound => Pick("找不到该任务。", "There is no such task.");
    public static string TaskDenied => Pick("该任务未分派给您，您无权查看。", "This task is not assigned to you, so you may not see it.");
    public static string TaskAssignedTo => Pick("处理人", "Assigned to");
    public static string TaskAssignedToRole(string role) => Pick($"角色 {role}", $"role {role}");
    public static string TaskCreatedAt => Pick("创建于", "Created");
    public static string TaskProject => Pick("项目", "Project");
    public static string TaskCompany => Pick("企业", "Company");
    public static string TaskStage => Pick("阶段", "Stage");
    public static string TaskResponsibleLeader => Pick("包联领导", "Responsible leader");
    public static string TaskServiceSquad => Pick("服务专班", "Service squad");

    public static string TaskProjectStageName(ProjectStage stage) => OnboardingWords.Stage(stage).Current;

    public static string TaskFormHeading => Pick("办理", "Handle the task");
    public static string TaskComment => Pick("办理意见", "Comment");
    public static string TaskCommentHelp => Pick("可选，最多 4000 字", "Optional, at most 4000 characters");
    public static string TaskCommentTooLong => Pick("办理意见最多 4000 字。", "A comment has at most 4000 characters.");
    public static string TaskYes => Pick("是", "Yes");
    public static string TaskNo => Pick("否", "No");
    public static string TaskFieldRequired => Pick("此项必填。", "This field is required.");
    public static string TaskNotANumber => Pick("请输入数字。", "Enter a number.");
    public static string TaskCompleted => Pick("任务已办结。", "The task is done.");
    public static string TaskFailed => Pick("未能办结任务：", "The task could not be completed: ");

    /// <summary>An outcome in words (<see cref="Butler.Workflows.Activities.OutcomeWords"/>); one a definition invents is shown as written.</summary>
    public static string TaskOutcome(string outcome) => Butler.Workflows.Activities.OutcomeWords.Of(outcome).Current;

    public static string TaskDoneBy(string user) => Pick($"办理人：{user}", $"Done by {user}");
    public static string TaskDoneAt => Pick("办结时间", "Done at");
    public static string TaskOutcomeLabel => Pick("结果", "Outcome");
    public static string TaskValues => Pick("填写内容", "Values");
    public static string TaskIsClosed(string status) => status switch
    {
        "cancelled" => Pick("该任务已取消。", "This task was cancelled."),
        "returned" => Pick("该任务已退回上一步。", "This task was sent back to an earlier step."),
        "withdrawn" => Pick("该任务已被撤回。", "This task was withdrawn."),
        _ => Pick("该任务已办结。", "This task is done."),
    };
    public static string TaskClosedAt(string status, string at) => status switch
    {
        "returned" => Pick($"{at} 退回", $"sent back {at}"),
        "withdrawn" => Pick($"{at} 撤回", $"withdrawn {at}"),
        _ => Pick($"{at} 办结", $"done {at}"),
    };
    public static string UrgeTask(string title) => Pick($"催办：{title}", $"Urge {title}");
    public static string PhrasesLabel => Pick("常用意见", "Common comments");
    public static string PhrasesOnePerLine => Pick("每行一条", "One per line");
    public static string PhrasesHelp(int max, int length) => Pick($"显示在每个意见框下，点击即可填入；最多 {max} 条，每条不超过 {length} 字",
        $"Offered under every comment box, a click adds one; at most {max}, each at most {length} characters");
    public static string PhrasesSaved => Pick("常用意见已保存。", "Your common comments were saved.");
    public static string PhraseLine(int line, string message) => Pick($"第 {line} 行：{message}", $"Line {line}: {message}");
    public static string InboxOpen => Pick("待办", "To do");
    public static string InboxDone => Pick("已办", "Done");
    public static string InboxStarted => Pick("我发起的", "Started by me");
    public static string InboxNoneDone => Pick("还没有办过的任务。", "Nothing done yet.");
    public static string InboxNoneStarted => Pick("您发起的流程中没有待办任务。", "No open tasks in the runs you started.");
    public static string TaskReturn => Pick("退回", "Send back");
    public static string TaskReturnHelp => Pick("退回到本流程之前已办结的步骤，由原办理人重新办理；请说明原因。", "Sends the task back to an earlier step of this run, for the person who did it to do again; say why.");
    public static string TaskReturnTo => Pick("退回到", "Back to");
    public static string TaskReturnChoose => Pick("请选择退回到哪一步。", "Choose the step to send it back to.");
    public static string TaskReturnReason => Pick("退回原因", "Why");
    public static string TaskReturnReasonRequired => Pick("请说明退回原因。", "Say why it is sent back.");
    public static string TaskReturned => Pick("已退回，原办理人会收到通知。", "Sent back; the person who did that step is told.");
    public static string TaskWithdraw => Pick("撤回", "Withdraw");
    public static string TaskWithdrawHelp => Pick("下一步还没有人处理，可以撤回重新办理。", "Nobody has taken up the next step yet: you may take this one back and redo it.");
    public static string TaskWithdrawn => Pick("已撤回，此任务已重新打开，请在我的任务中办理。", "Withdrawn: the task is open again in your tasks.");

    public static string TaskClaim => Pick("认领", "Claim");
    public static string TaskRelease => Pick("放弃认领", "Release");
    public static string TaskClaimHelp => Pick("认领后只有您可以办结此任务；专班其他成员仍能看到。", "Once you claim it only you can complete this task; the rest of the squad still sees it.");
    public static string TaskClaimedByYou => Pick("您已认领此任务。", "You have claimed this task.");
    public static string TaskClaimedByOther(string user) => Pick($"此任务已由 {user} 认领，只有 TA 可以办结。", $"{user} has claimed this task; only they can complete it.");
    public static string TaskClaimed => Pick("已认领。", "Claimed.");
    public static string TaskReleased => Pick("已放弃认领。", "Released.");

    public static string TaskNotesHeading => Pick("备注", "Notes");
    public static string TaskAddNote => Pick("添加备注", "Add note");
    public static string TaskNoteText => Pick("备注内容", "Note");
    public static string TaskNoteHelp => Pick("记录进展而不办结任务，最多 4000 字", "Record progress without completing the task; at most 4000 characters");
    public static string TaskNoteAdded => Pick("备注已添加。", "The note was added.");
    public static string TaskNoteEmpty => Pick("请填写备注内容。", "Write something in the note.");
    public static string TaskNoteTooLong => Pick("备注最多 4000 字。", "A note has at most 4000 characters.");

    public static string TaskMovesLabel => Pick("任务操作", "Moves on this task");
    public static string TaskTransfer => Pick("转办", "Transfer");
    public static string TaskDelegate => Pick("委派", "Delegate");
    public static string TaskUrge => Pick("催办", "Urge");
    public static string TaskCc => Pick("抄送", "Copy to");
    public static string TaskCcHelp => Pick("抄送给同事或专班：他们会收到通知，可以查阅此任务，但不能办理。", "Copies the task to colleagues or squads: they are told and may read it, not act on it.");
    public static string TaskCcTo => Pick("抄送给（可多选）", "Copy to (choose any)");
    public static string TaskCcChoose => Pick("请至少选择一位同事或一个专班。", "Choose at least one person or squad.");
    public static string TaskCopiedToYou(string by, string at) => Pick($"{by} 于 {at} 抄送给您", $"{by} copied this to you at {at}");
    public static string TaskCopyReadOnly => Pick("抄送仅供查阅，您不能办理此任务。", "A copy is for reading: you cannot act on this task.");
    public static string RunWithdraw => Pick("撤销流程", "Withdraw the run");
    public static string RunWithdrawHelp => Pick("您发起了此流程：在他人处理之前可以撤销。", "You started this run: you may withdraw it until someone else works on it.");
    public static string RunWithdrawReason => Pick("撤销原因（选填）", "Why (optional)");
    public static string RunWithdrawConfirm => Pick("确认撤销", "Withdraw");
    public static string RunWithdrawn => Pick("流程已撤销，待办任务已取消并通知办理人。", "The run was withdrawn; its open tasks are cancelled and their people told.");
    public static string InboxCopied => Pick("抄送我的", "Copied to me");
    public static string InboxCopiedUnread(int unread) => Pick($"抄送我的({unread})", $"Copied to me ({unread})");
    public static string InboxNoneCopied => Pick("还没有抄送给您的事项。", "Nothing has been copied to you.");
    public static string CopyUnread => Pick("未读", "Unread");
    public static string CopyFrom(string by, string at) => Pick($"{by} 抄送 · {at}", $"From {by} · {at}");
    public static string CopyHeading => Pick("抄送", "Copy");
    public static string CopyNotFound => Pick("没有这份抄送。", "There is no such copy.");
    public static string CopyNotYours => Pick("这份抄送不是发给您的。", "This copy was sent to someone else.");
    public static string TaskTransferHelp => Pick("任务将交给所选的人办理，由其办结。", "The task becomes the chosen person's to work on and complete.");
    public static string TaskDelegateHelp => Pick("所选的人办理后交回给您，再由您办结。", "The chosen person works on it and sends it back; you then complete it.");
    public static string TaskUrgeHelp => Pick("提醒办理人尽快办理（邮件和站内通知），每人每小时最多一次。", "Asks the assignee to hurry, by mail and in the app; once an hour per person.");
    public static string TaskMoveTo => Pick("交给", "To");
    public static string TaskMoveComment => Pick("说明", "Comment");
    public static string TaskMoveCommentHelp => Pick("选填，对方会在通知中看到", "Optional; they see it in the message");
    public static string TaskMoveConfirm(string move) => move switch
    {
        "transfer" => Pick("确认转办", "Transfer"),
        "delegate" => Pick("确认委派", "Delegate"),
        "return" => Pick("确认退回", "Send back"),
        "cc" => Pick("确认抄送", "Copy"),
        _ => Pick("确认催办", "Urge"),
    };
    public static string TaskMoveCancel => Pick("取消", "Cancel");
    public static string TaskMoveChoosePerson => Pick("请选择交给谁。", "Choose whom to give it to.");
    public static string TaskMoved(string move, string who) => move switch
    {
        "transfer" => Pick($"已转办给 {who}。", $"Transferred to {who}."),
        "delegate" => Pick($"已委派给 {who}。", $"Delegated to {who}."),
        "cc" => Pick($"已抄送给 {who}。", $"Copied to {who}."),
        _ => Pick("已催办。", "Urged."),
    };
    public static string TaskDelegatedTo(string who) => Pick($"已委派给 {who}", $"Delegated to {who}");
    public static string TaskDelegatedWaiting => Pick("对方办理交回后，您再办结。", "Once they send it back, you complete it.");
    public static string TaskResolveHeading(string owner) => Pick($"受 {owner} 委派办理", $"Working on it for {owner}");
    public static string TaskResolveHelp => Pick("填写您办理的情况，交回后由委派人办结。必填项可留给委派人。", "Fill in what you did and send it back; the person who delegated it completes it. Required fields may be left to them.");
    public static string TaskResolveButton => Pick("办理完成，交回", "Send back");
    public static string TaskResolved => Pick("已交回委派人。", "Sent back.");
    public static string TaskUrgedTimes(int count, string last) => Pick($"已催办 {count} 次，最近一次 {last}", $"Urged {count} {(count == 1 ? "time" : "times")}, last at {last}");
    /// <summary>Over a form that starts from earlier values: the delegate's, or one's own before a send-back or withdrawal.</summary>
    public static string TaskDraftFromDelegate => Pick("表单已填入之前办理的内容，可修改后办结。", "The form holds what was filled in before; change it as needed and complete.");

    public static string TaskAttachmentsHeading => Pick("附件", "Attachments");
    public static string TaskNoAttachments => Pick("暂无附件。", "No attachments yet.");
    public static string TaskUpload => Pick("上传附件", "Upload a file");
    public static string TaskUploadHelp(string types, string size) => Pick($"允许 {types}，单个不超过 {size}", $"{types}; at most {size} each");
    public static string TaskUploaded(string name) => Pick($"已上传 {name}。", $"{name} was uploaded.");
    public static string TaskUploadRefused => Pick("文件未被接受：", "The file was not taken: ");
    public static string TaskFileTooLarge(string size) => Pick($"文件超过 {size}。", $"The file is larger than {size}.");
    public static string TaskFileTypeRefused(string types) => Pick($"不支持此文件类型，允许：{types}。", $"This type of file is not taken; allowed: {types}.");
    public static string TaskFileEmpty => Pick("文件为空。", "The file is empty.");
    public static string TaskDownload(string name) => Pick($"下载 {name}", $"Download {name}");

    public static string TaskHistoryHeading => Pick("办理记录", "History");
    public static string TaskNoHistory => Pick("暂无记录。", "Nothing has happened yet.");
    public static string TaskSystemActor => Pick("系统", "System");

    /// <summary>What a line of a task's history says happened.</summary>
    public static string TaskHistoryKind(string kind) => kind switch
    {
        "note" => Pick("备注", "Note"),
        "attachment" => Pick("上传附件", "File attached"),
        _ => Butler.Workflows.Activities.JournalWords.Of(kind).Current,
    };
}
