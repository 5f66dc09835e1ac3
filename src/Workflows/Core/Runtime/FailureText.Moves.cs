namespace Butler.Workflows.Runtime;

public static partial class FailureText
{
    /// <summary>The refusals of the moves on a task (<c>Failure.Moves.cs</c>).</summary>
    private static Dictionary<string, (string En, string Zh)> MoveTemplates() => new(StringComparer.Ordinal)
    {
        ["task.mayNotTransfer"] = ("Only the task's assignee, a Leader or an Admin may transfer it.", "只有任务的办理人、领导或管理员可以转办此任务。"),
        ["task.transferToSame"] = ("The task is already {user}'s.", "任务已由 {user} 办理。"),
        ["task.mayNotDelegate"] = ("Only the person whose task it is (assigned to them, or claimed by them) may delegate it.", "只有任务的办理人（分配给本人或由本人认领）可以委派此任务。"),
        ["task.delegateToSelf"] = ("A task is delegated to someone else, not to its owner.", "不能委派给任务的办理人本人。"),
        ["task.delegated"] = ("The task is delegated to {delegatedTo}; it can be completed once they send it back.", "任务已委派给 {delegatedTo}，待其办理交回后才能办结。"),
        ["task.delegateMayNotComplete"] = ("You work on this task for {owner}: send it back to them, and they complete it.", "您受 {owner} 委派办理此任务：请办理后交回，由其办结。"),
        ["task.notDelegated"] = ("The task is not delegated.", "此任务未被委派。"),
        ["task.notDelegatedToYou"] = ("This task is not delegated to you.", "此任务未委派给您。"),
        ["task.mayNotUrge"] = ("Urging is for others: you work on this task yourself.", "您正是此任务的办理人，无需催办。"),
        ["task.urgedRecently"] = ("You urged this task less than an hour ago; you may urge it again in {minutes} minutes.", "您一小时内已催办过此任务，请 {minutes} 分钟后再催办。"),
        ["task.mayNotReturn"] = ("Only the person who may complete this task may send it back.", "只有可以办结此任务的人才能退回。"),
        ["task.returnTarget"] = ("'{target}' is not an earlier step of this task's branch that was completed; see returnTargets.", "“{target}”不是本任务之前已办结的步骤，请从可退回的步骤中选择。"),
        ["task.returnReason"] = ("Say why the task is sent back.", "请说明退回原因。"),
        ["task.notYourStep"] = ("Only the person who completed the step that opened this task may withdraw it.", "只有办结上一步、产生此任务的人才能撤回。"),
        ["task.touched"] = ("The task was already taken up (claimed, delegated, transferred, or given notes or files); it can no longer be withdrawn.", "此任务已有人处理（认领、委派、转办、备注或附件），不能再撤回。"),
        ["approval.notInBatch"] = ("{outcome:outcome} needs its own details (a new due time, a person); decide it on its own.", "{outcome:outcome}需要单独填写（新的期限或人员），请逐个决定。"),
        ["task.mayNotCopy"] = ("Only the task's assignee, its delegate, who completed it, a Leader or an Admin may copy it to others.", "只有任务的办理人、受委派人、办结人、领导或管理员可以抄送此任务。"),
        ["cc.notFound"] = ("No copy {copyId}.", "没有抄送 {copyId}。"),
        ["cc.notYours"] = ("This copy was sent to someone else.", "此抄送并非发给您。"),
        ["cc.nobody"] = ("'{name}' is neither a user nor a team with members.", "“{name}”既不是用户，也不是有成员的专班。"),
        ["instance.notYours"] = ("Only the person who started this run may withdraw it.", "只有发起人可以撤销此流程。"),
        ["instance.underWay"] = ("Others have already worked on this run (completed, voted on, claimed or annotated a step); it can no longer be withdrawn.", "此流程已有他人处理（办结、表决、认领或备注），不能再撤销。"),
        ["approval.notYourTurn"] = ("It is not your turn yet: the approval waits for {waiting:list} first.", "尚未轮到您：此审批须先由 {waiting:list} 处理。"),
        ["approval.mayNotAddSigners"] = ("Only an approver who has not voted yet, a Leader or an Admin may add signers.", "只有尚未表决的审批人、领导或管理员可以加签。"),
        ["approval.noSigning"] = ("This approval has no Approve outcome, so nobody can be added to sign it.", "此审批没有“同意”选项，不能加签。"),
        ["approval.alreadySigns"] = ("'{user}' already decides this approval.", "“{user}”已是此审批的审批人。"),
        ["approval.signerNotFound"] = ("'{user}' was not added to this approval.", "“{user}”不是此审批的加签人。"),
        ["approval.signerVoted"] = ("'{user}' has already voted and can no longer be taken off.", "“{user}”已表决，不能再减签。"),
        ["approval.mayNotRemoveSigner"] = ("Only whoever added this signer, or an Admin, may take them off.", "只有加签人本人或管理员可以减签。"),
        ["field.userLocked"] = ("The account '{name}' is locked.", "账号“{name}”已停用。"),
    };
}
