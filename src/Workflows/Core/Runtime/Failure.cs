using System.Globalization;

namespace Butler.Workflows.Runtime;

/// <summary>
/// Why an operation was refused, as a stable code and its arguments; the words for a reader come from
/// <see cref="FailureText"/>, so the engine never returns a sentence in one language only.
/// </summary>
public sealed partial record Failure(string Code, IReadOnlyDictionary<string, string> Args)
{
    /// <summary>The code of every <see cref="OperationStatus.Invalid"/> result; its field messages say what is wrong.</summary>
    public const string Validation = "validation";

    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The message in English, as the engine logs and returns it in <see cref="OperationResult{T}.Message"/>.</summary>
    public string English => FailureText.Format(Code, Args, FailureText.English);

    /// <summary>The message in <paramref name="culture"/> (Chinese for any zh culture, else English).</summary>
    public string Text(CultureInfo culture) => FailureText.Format(Code, Args, culture);

    private static Failure Of(string code) => new(code, None);

    private static Failure Of(string code, params ReadOnlySpan<(string Name, object? Value)> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in args)
        {
            values[name] = value switch
            {
                null => "",
                Enum e => e.ToString().ToLowerInvariant(),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "",
            };
        }
        return new(code, values);
    }

    // Instances
    public static Failure InstanceNotFound(Guid instanceId) => Of("instance.notFound", ("instanceId", instanceId));
    public static Failure InstanceNotRunning(WorkflowStatus status) => Of("instance.notRunning", ("status", status));
    public static Failure InstanceNotFaulted(WorkflowStatus status) => Of("instance.notFaulted", ("status", status));
    public static Failure InstanceNotAlterable(WorkflowStatus status) => Of("instance.notAlterable", ("status", status));
    public static Failure InstanceNoResumePoint() => Of("instance.noResumePoint");
    public static Failure SignalNotWaiting(string name) => Of("signal.notWaiting", ("name", name));

    // Tasks
    public static Failure TaskNotFound(Guid taskId) => Of("task.notFound", ("taskId", taskId));
    public static Failure TaskNotAssigned() => Of("task.notAssigned");
    public static Failure TaskMayNotComplete() => Of("task.mayNotComplete");
    public static Failure TaskNotOpen(WorkItemStatus status) => Of("task.notOpen", ("status", status));
    public static Failure TaskClaimedByAnother(string? claimedBy) => Of("task.claimedByAnother", ("claimedBy", claimedBy));
    public static Failure TaskNotAwaited() => Of("task.notAwaited");
    public static Failure TaskNotRoleMember(string? role) => Of("task.notRoleMember", ("role", role));
    public static Failure TaskNotClaimer(string? claimedBy) => Of("task.notClaimer", ("claimedBy", claimedBy));
    public static Failure TaskNotRoleTask() => Of("task.notRoleTask");
    public static Failure TaskAlreadyClaimed(string? claimedBy) => Of("task.alreadyClaimed", ("claimedBy", claimedBy));
    public static Failure TaskNotClaimed() => Of("task.notClaimed");
    public static Failure NoteTaskNotOpen(WorkItemStatus status) => Of("note.taskNotOpen", ("status", status));
    public static Failure NoteTaskClosed() => Of("note.taskClosed");
    public static Failure AttachmentTaskNotOpen(WorkItemStatus status) => Of("attachment.taskNotOpen", ("status", status));
    public static Failure AttachmentTaskClosed() => Of("attachment.taskClosed");

    // Approvals
    public static Failure ApprovalNotFound(Guid approvalId) => Of("approval.notFound", ("approvalId", approvalId));
    public static Failure ApprovalNotApprover() => Of("approval.notApprover");
    public static Failure ApprovalAlreadyDecided(ApprovalStatus status) => Of("approval.alreadyDecided", ("status", status));
    public static Failure ApprovalAlreadyVoted() => Of("approval.alreadyVoted");

    // Definitions
    public static Failure DefinitionNotFound(string id) => Of("definition.notFound", ("id", id));
    public static Failure DefinitionExists(string id) => Of("definition.exists", ("id", id));
    public static Failure DefinitionExistsUsePut(string id) => Of("definition.existsUsePut", ("id", id));
    public static Failure DefinitionConcurrentSave(string id) => Of("definition.concurrentSave", ("id", id));
    public static Failure DefinitionConcurrentChange(string id) => Of("definition.concurrentChange", ("id", id));
    public static Failure DefinitionChangedSince(string id, int version, bool published) =>
        Of("definition.changedSince", ("id", id), ("version", version), ("state", published ? "published" : "draft"));
    public static Failure DefinitionAlreadyPublished(string id, int version) => Of("definition.alreadyPublished", ("id", id), ("version", version));
    public static Failure DefinitionNoDraft(string id, int version) => Of("definition.noDraft", ("id", id), ("version", version));

    // Calendars
    public static Failure CalendarConcurrentChange(string id) => Of("calendar.concurrentChange", ("id", id));
    public static Failure CalendarMissing(string id) => Of("calendar.missing", ("id", id));
    public static Failure CalendarStale(string id, long revision, string? by, long expected) =>
        Of("calendar.stale", ("id", id), ("revision", revision), ("by", by), ("expected", expected));

    // Test runs
    public static Failure SandboxNotFound(Guid id, double idleMinutes) => Of("sandbox.notFound", ("id", id), ("idleMinutes", idleMinutes.ToString("0", CultureInfo.InvariantCulture)));
    public static Failure SandboxStopped(Guid id) => Of("sandbox.stopped", ("id", id));
    public static Failure SandboxFull(int maxSessions, double idleMinutes) => Of("sandbox.full", ("maxSessions", maxSessions), ("idleMinutes", idleMinutes.ToString("0", CultureInfo.InvariantCulture)));
    public static Failure SandboxNoTask(Guid taskId) => Of("sandbox.noTask", ("taskId", taskId));
    public static Failure SandboxNoApproval(Guid approvalId) => Of("sandbox.noApproval", ("approvalId", approvalId));
    public static Failure SandboxNoVoter() => Of("sandbox.noVoter");
    public static Failure SandboxNoTimer(Guid timerId) => Of("sandbox.noTimer", ("timerId", timerId));
    public static Failure SandboxTimerFired() => Of("sandbox.timerFired");
    public static Failure SandboxTimerCancelled() => Of("sandbox.timerCancelled");
    public static Failure SandboxTimerNotAwaited() => Of("sandbox.timerNotAwaited");

    // Onboarding
    public static Failure ProjectNotFound(Guid projectId) => Of("project.notFound", ("projectId", projectId));
    public static Failure ProjectStale(long revision) => Of("project.stale", ("revision", revision));
    public static Failure ProjectClosed() => Of("project.closed");
    public static Failure ProjectClosedAs(string closing) => Of("project.closedAs", ("closing", closing));
    public static Failure ProjectConcurrentChange() => Of("project.concurrentChange");
    public static Failure ProblemNotFound(Guid problemId, Guid projectId) => Of("problem.notFound", ("problemId", problemId), ("projectId", projectId));
    public static Failure ProblemAlreadyResolved() => Of("problem.alreadyResolved");
    public static Failure DispatchNotFound(Guid dispatchId) => Of("dispatch.notFound", ("dispatchId", dispatchId));
    public static Failure DispatchNotLeader() => Of("dispatch.notLeader");
}
