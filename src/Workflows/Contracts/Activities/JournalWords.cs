namespace Butler.Workflows.Activities;

/// <summary>
/// The words for a run's journal entries, by their wire name ("taskCreated", "activityFaulted"…), in both languages: one
/// list for the task history, the project timeline, the instance page and the designer's test run. A kind Butler does
/// not know (a newer host's) is shown as written.
/// </summary>
public static class JournalWords
{
    private static readonly Dictionary<string, LocalizedText> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["instanceStarted"] = new("Run started", "流程启动"),
        ["activityStarted"] = new("Step started", "步骤开始"),
        ["activityCompleted"] = new("Step completed", "步骤完成"),
        ["activityFaulted"] = new("Step failed", "步骤出错"),
        ["taskCreated"] = new("Task opened", "任务创建"),
        ["taskCompleted"] = new("Task completed", "任务办结"),
        ["signalReceived"] = new("Signal received", "收到信号"),
        ["branchCancelled"] = new("Branch cancelled", "分支取消"),
        ["instanceCompleted"] = new("Run completed", "流程结束"),
        ["instanceFaulted"] = new("Run failed", "流程出错"),
        ["instanceCancelled"] = new("Run cancelled", "流程取消"),
        ["reminderSent"] = new("Reminder sent", "到期提醒"),
        ["escalated"] = new("Escalated", "逾期升级"),
        ["approvalOpened"] = new("Sent to a leader for decision", "提请领导决定"),
        ["approvalVoted"] = new("Vote cast", "审批表决"),
        ["approvalDecided"] = new("Leader decided", "领导已决定"),
        ["taskExtended"] = new("Extended", "延期"),
        ["taskReassigned"] = new("Reassigned", "改派"),
        ["timerFired"] = new("Timer fired", "定时到点"),
        ["taskClaimed"] = new("Claimed", "认领"),
        ["taskReleased"] = new("Released", "放弃认领"),
        ["instanceRetried"] = new("Run retried", "流程重试"),
        ["activityScheduled"] = new("Step scheduled", "步骤排程"),
        ["activityCancelled"] = new("Step cancelled", "步骤取消"),
        ["variablesSet"] = new("Variables changed", "变量修改"),
        ["versionMoved"] = new("Moved to another version", "迁移至其他版本"),
        ["taskTransferred"] = new("Transferred", "转办"),
        ["taskDelegated"] = new("Delegated", "委派"),
        ["taskResolved"] = new("Sent back by the delegate", "委派办理完成"),
        ["taskUrged"] = new("Urged", "催办"),
        ["taskReturned"] = new("Sent back", "退回"),
        ["taskWithdrawn"] = new("Withdrawn", "撤回"),
        ["copied"] = new("Copied", "抄送"),
        ["instanceWithdrawn"] = new("Run withdrawn by its starter", "发起人撤销流程"),
        ["approvedBefore"] = new("Approved automatically (approved an earlier step)", "自动同意（此前已审批同意）"),
        ["signersAdded"] = new("Signers added", "加签"),
        ["signerRemoved"] = new("Signer removed", "减签"),
        ["timedOutAction"] = new("Handled automatically on timeout", "超时自动处理"),
        ["noApprover"] = new("No approver found", "审批人为空"),
    };

    private static readonly Dictionary<string, LocalizedText> Incidents = new(StringComparer.OrdinalIgnoreCase)
    {
        ["StepBudgetExceeded"] = new("Too many steps at once", "单次执行步骤过多"),
        ["ExpressionFailed"] = new("Expression failed", "表达式出错"),
        ["ActivityFailed"] = new("Step failed", "步骤出错"),
        ["ActivityFaulted"] = new("Step reported a fault", "步骤报告故障"),
    };

    private static readonly Dictionary<string, LocalizedText> Waits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Task"] = new("Task", "任务"),
        ["Signal"] = new("Signal", "信号"),
        ["Approval"] = new("Approval", "审批"),
        ["Delay"] = new("Timer", "定时"),
    };

    /// <summary>An incident's kind (why a run faulted) in both languages; an unknown kind as written.</summary>
    public static LocalizedText Incident(string kind) => Incidents.TryGetValue(kind, out var words) ? words : new LocalizedText(kind);

    /// <summary>What a bookmark waits for (task, signal, approval, timer) in both languages; an unknown kind as written.</summary>
    public static LocalizedText Bookmark(string kind) => Waits.TryGetValue(kind, out var words) ? words : new LocalizedText(kind);

    /// <summary>The kind in both languages; an unknown kind the same in both, as written.</summary>
    public static LocalizedText Of(string kind) => Known.TryGetValue(kind, out var words) ? words : new LocalizedText(kind);

    /// <summary>True when Butler has words for the kind.</summary>
    public static bool IsKnown(string kind) => Known.ContainsKey(kind);
}
