namespace Butler.Workflows.Runtime;

/// <summary>The refusals of the everyday moves on a task: transfer, delegate, send back, urge.</summary>
public sealed partial record Failure
{
    public static Failure TaskMayNotTransfer() => Of("task.mayNotTransfer");
    public static Failure TaskTransferToSame(string user) => Of("task.transferToSame", ("user", user));
    public static Failure TaskMayNotDelegate() => Of("task.mayNotDelegate");
    public static Failure TaskDelegateToSelf() => Of("task.delegateToSelf");
    public static Failure TaskDelegated(string? delegatedTo) => Of("task.delegated", ("delegatedTo", delegatedTo));
    public static Failure TaskDelegateMayNotComplete(string? owner) => Of("task.delegateMayNotComplete", ("owner", owner));
    public static Failure TaskNotDelegated() => Of("task.notDelegated");
    public static Failure TaskNotDelegatedToYou() => Of("task.notDelegatedToYou");
    public static Failure TaskMayNotUrge() => Of("task.mayNotUrge");
    public static Failure TaskUrgedRecently(int minutes) => Of("task.urgedRecently", ("minutes", minutes));
    public static Failure TaskMayNotReturn() => Of("task.mayNotReturn");
    public static Failure TaskReturnTarget(string target) => Of("task.returnTarget", ("target", target));
    public static Failure TaskReturnReason() => Of("task.returnReason");
    public static Failure TaskNotYourStep() => Of("task.notYourStep");
    public static Failure TaskTouched() => Of("task.touched");
    public static Failure NotInBatch(string outcome) => Of("approval.notInBatch", ("outcome", outcome));
    public static Failure TaskMayNotCopy() => Of("task.mayNotCopy");
    public static Failure CopyNotFound(Guid copyId) => Of("cc.notFound", ("copyId", copyId));
    public static Failure CopyNotYours() => Of("cc.notYours");
    public static Failure CopyNobody(string name) => Of("cc.nobody", ("name", name));
    public static Failure RunNotYours() => Of("instance.notYours");
    public static Failure RunUnderWay() => Of("instance.underWay");
    public static Failure ApprovalNotYourTurn(IEnumerable<string> waiting) => Of("approval.notYourTurn", ("waiting", FailureText.ListArg(waiting)));
    public static Failure ApprovalMayNotAddSigners() => Of("approval.mayNotAddSigners");
    public static Failure ApprovalNoSigning() => Of("approval.noSigning");
    public static Failure ApprovalAlreadySigns(string user) => Of("approval.alreadySigns", ("user", user));
    public static Failure ApprovalSignerNotFound(string user) => Of("approval.signerNotFound", ("user", user));
    public static Failure ApprovalSignerVoted(string user) => Of("approval.signerVoted", ("user", user));
    public static Failure ApprovalMayNotRemoveSigner() => Of("approval.mayNotRemoveSigner");
    public static Failure UserLocked(string name) => Of("field.userLocked", ("name", name));
}
