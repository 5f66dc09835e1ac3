using System.Text.Json.Nodes;
using Butler.Workflows.Activities;
using Butler.Workflows.Calendar;
using Butler.Workflows.Expressions;
using Butler.Workflows.Input;
using Butler.Workflows.Notifications;
using Butler.Workflows.Runtime.Alterations;

namespace Butler.Workflows.Runtime;

/// <summary>
/// The workflow interpreter without a database: given an instance, its graph and the bookmarks it waits at, applies one
/// stimulus in memory and returns what changed. The caller keeps the state (the runner in its tables, a test in lists);
/// the instance passed in is updated in place, the bookmarks passed in are not (the change set lists those added and removed).
/// </summary>
public sealed class WorkflowInterpreter(ActivityRegistry registry, ExpressionEvaluator expressions, WorkingCalendar calendar, int maxStepsPerStimulus = 1000)
{
    /// <summary>A new running instance of a published version, its variables initialised from their defaults and the input.</summary>
    public static WorkflowInstance NewInstance(WorkflowGraph graph, string definitionId, int version, JsonObject? input, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(actor);
        var variables = new JsonObject();
        foreach (var variable in graph.Model.Variables)
        {
            variables[variable.Name] = input?[variable.Name]?.DeepClone() ?? variable.Default?.DeepClone();
        }
        return new WorkflowInstance
        {
            Id = Guid.CreateVersion7(now),
            DefinitionId = definitionId,
            Version = version,
            Status = WorkflowStatus.Running,
            InputJson = input?.ToJsonString() ?? "{}",
            VariablesJson = variables.ToJsonString(),
            CreatedAt = now,
            UpdatedAt = now,
            CreatedBy = actor.UserName,
        };
    }

    /// <summary>Runs a new instance from its Start activity until every branch waits or the flow ends.</summary>
    public ChangeSet Start(WorkflowInstance instance, WorkflowGraph graph, Actor actor, DateTimeOffset now)
    {
        var execution = Open(instance, graph, [], actor, now);
        BeginRun(execution);
        return execution.Finish();
    }

    /// <summary>Completes a task the instance waits for with one of its outcomes and runs on. The caller has checked the form values.</summary>
    public ChangeSet CompleteTask(WorkflowInstance instance, WorkflowGraph graph, IEnumerable<Bookmark> bookmarks, WorkItem task,
        string outcome, string? comment, JsonObject values, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(values);
        var execution = Open(instance, graph, [.. bookmarks], actor, now);
        var bookmark = execution.Bookmarks.FirstOrDefault(b => b.WorkItemId == task.Id)
            ?? throw new InvalidOperationException($"The instance does not wait for task {task.Id}.");
        CloseTask(execution, task, outcome, comment, values);
        execution.Resume(bookmark, new TaskCompletedStimulus(actor, task, outcome, comment, values));
        return execution.Finish();
    }

    /// <summary>Sends a named signal, resuming every WaitSignal of the instance that waits for it.</summary>
    public ChangeSet Signal(WorkflowInstance instance, WorkflowGraph graph, IEnumerable<Bookmark> bookmarks, string name, JsonNode? payload,
        Actor actor, DateTimeOffset now)
    {
        var execution = Open(instance, graph, [.. bookmarks], actor, now);
        foreach (var bookmark in execution.Bookmarks.Where(b => b.Kind == BookmarkKind.Signal && string.Equals(b.Name, name, StringComparison.Ordinal)).ToList())
        {
            if (!execution.Bookmarks.Contains(bookmark) || execution.Instance.Status != WorkflowStatus.Running)
            {
                continue;
            }
            execution.Journal(JournalKind.SignalReceived, graph.Activities[bookmark.ActivityId], detail: payload?.ToJsonString());
            execution.Resume(bookmark, new SignalStimulus(actor, name, payload));
        }
        return execution.Finish();
    }

    /// <summary>
    /// Casts a vote on an approval the instance has open; when it and the <paramref name="earlier"/> votes decide the
    /// approval (any, all or majority), the approval is decided and the flow waiting at it runs on.
    /// </summary>
    public ChangeSet Vote(WorkflowInstance instance, WorkflowGraph graph, IEnumerable<Bookmark> bookmarks, Approval approval,
        IReadOnlyList<ApprovalVote> earlier, ApprovalVote vote, Actor actor, DateTimeOffset now)
    {
        var execution = Open(instance, graph, [.. bookmarks], actor, now);
        CastVote(execution, approval, earlier, vote);
        return execution.Finish();
    }

    /// <summary>
    /// Journals a vote and tallies it with the earlier ones; a decided approval is journalled and, unless it decides an
    /// escalation (the caller applies that to the escalated task), resumes the flow. Returns the decided outcome and the
    /// vote that carried it, or null while the votes do not decide.
    /// </summary>
    internal static (string Outcome, ApprovalVote Vote)? CastVote(Execution execution, Approval approval, IReadOnlyList<ApprovalVote> earlier, ApprovalVote vote)
    {
        ArgumentNullException.ThrowIfNull(approval);
        var asked = approval.Awaiting(earlier);
        List<ApprovalVote> votes = [.. earlier, vote];
        var activity = execution.Graph.Activities.GetValueOrDefault(approval.ActivityId);
        execution.Journal(JournalKind.ApprovalVoted, activity, vote.Outcome, vote.Comment, $"approval {approval.Id}");
        if (vote.Outcome == Approval.Approve)
        {
            execution.ApprovedBefore.Add(vote.Approver);
        }
        return Recount(execution, approval, votes, asked, vote.Comment) is { } decided
            ? (decided, votes.Where(v => v.Outcome == decided).OrderByDescending(v => v.At).FirstOrDefault() ?? vote)
            : null;
    }

    /// <summary>
    /// Tallies an approval after its votes or signers changed: 去重 votes for whoever's turn it now is and who approved
    /// before; a decision is journalled and (unless it decides an escalation, which the caller applies to the escalated
    /// task) resumes the flow; otherwise whoever the approval now waits for and was not in <paramref name="asked"/> is asked.
    /// </summary>
    internal static string? Recount(Execution execution, Approval approval, List<ApprovalVote> votes, IReadOnlyList<RecipientSpec> asked, string? comment)
    {
        ArgumentNullException.ThrowIfNull(approval);
        if (ApproveRepeated(execution, approval, votes, comment) is not { } decided)
        {
            execution.Ask(approval, votes, asked);
            return null;
        }
        if (approval.EscalatedTaskId is null && execution.Bookmarks.FirstOrDefault(b => b.ApprovalId == approval.Id) is { } bookmark)
        {
            var deciding = votes.Where(v => v.Outcome == decided).OrderByDescending(v => v.At).FirstOrDefault()
                ?? new ApprovalVote { ApprovalId = approval.Id, Approver = execution.Actor.UserName, Outcome = decided, At = execution.Now };
            execution.Resume(bookmark, new ApprovalDecidedStimulus(execution.Actor, approval, decided, deciding));
        }
        return decided;
    }

    /// <summary>
    /// 去重 (an Approval's <c>skipIfApprovedBefore</c>): records Approve for each approver the approval waits for who
    /// approved an earlier approval of the run, journalled as such; then decides the approval when its votes do.
    /// Returns the decided outcome, or null while undecided.
    /// </summary>
    internal static string? ApproveRepeated(Execution execution, Approval approval, List<ApprovalVote> votes, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(approval);
        ArgumentNullException.ThrowIfNull(votes);
        var activity = execution.Graph.Activities.GetValueOrDefault(approval.ActivityId);
        if (approval.EscalatedTaskId is null && activity is not null && ApprovalActivity.SkipIfApprovedBefore.Read(activity.Inputs))
        {
            bool Repeated(RecipientSpec seat) => seat.User is { } user && execution.ApprovedBefore.Contains(user) && !approval.IsSigner(user)
                && !votes.Any(v => string.Equals(v.Approver, user, StringComparison.OrdinalIgnoreCase));
            while (approval.Awaiting(votes).FirstOrDefault(Repeated) is { User: { } user })
            {
                var auto = new ApprovalVote
                {
                    Id = Guid.CreateVersion7(execution.Now),
                    ApprovalId = approval.Id,
                    Approver = user,
                    Outcome = Approval.Approve,
                    At = execution.Now,
                };
                votes.Add(auto);
                execution.Changes.Add(auto);
                execution.Journal(JournalKind.ApprovedBefore, activity, Approval.Approve, detail: $"approval {approval.Id}", actor: user);
            }
        }
        if (votes.Count == 0 || approval.Tally(votes) is not { } decided)
        {
            return null;
        }
        approval.Decide(decided, execution.Now);
        execution.Journal(JournalKind.ApprovalDecided, activity, decided, comment, $"approval {approval.Id}");
        return decided;
    }

    /// <summary>
    /// Applies alterations to a running or faulted instance, each journalled with the actor and the reason; Invalid
    /// (nothing changed) when one cannot be applied. <paramref name="versions"/> gives the published versions a move names.
    /// </summary>
    public OperationResult<ChangeSet> Alter(WorkflowInstance instance, WorkflowGraph graph, IEnumerable<Bookmark> bookmarks,
        IReadOnlyList<Alteration> alterations, string reason, Func<int, WorkflowGraph?> versions, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(alterations);
        ArgumentNullException.ThrowIfNull(versions);
        if (instance.Status is not (WorkflowStatus.Running or WorkflowStatus.Faulted))
        {
            return OperationResult<ChangeSet>.Conflict(Failure.InstanceNotAlterable(instance.Status));
        }
        var errors = new ValidationErrors();
        var why = InputRules.Text(reason, "reason", errors, required: true);
        var execution = Open(instance, graph, [.. bookmarks], actor, now);
        errors.Merge(AlterationRunner.Check(execution, alterations, versions));
        if (errors.Count > 0)
        {
            return OperationResult<ChangeSet>.Invalid(errors);
        }
        AlterationRunner.Apply(execution, alterations, versions, why);
        return OperationResult<ChangeSet>.Ok(execution.Finish());
    }

    /// <summary>The in-memory state of one stimulus; the runner builds every execution here, so there is one interpreter path.</summary>
    internal Execution Open(WorkflowInstance instance, WorkflowGraph graph, List<Bookmark> bookmarks, Actor actor, DateTimeOffset now)
    {
        var execution = new Execution(instance, graph, bookmarks, registry, expressions, actor, now, maxStepsPerStimulus, calendar);
        execution.ApprovedBefore.UnionWith(ApprovedBefore);
        return execution;
    }

    /// <summary>
    /// 去重: who approved an earlier approval of the run the next stimulus is for (an Approval's
    /// <c>skipIfApprovedBefore</c> records them as approving); the caller that holds the history sets it.
    /// </summary>
    public IReadOnlyCollection<string> ApprovedBefore { get; init; } = [];

    /// <summary>True when an Approval of the graph skips approvers who approved before, so the runner loads who did.</summary>
    public static bool SkipsRepeatedApprovers(WorkflowGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return graph.Model.Activities.Any(a => a.Type == "Approval" && ApprovalActivity.SkipIfApprovedBefore.Read(a.Inputs));
    }

    /// <summary>Marks a task completed with its outcome and values and journals it (the flow is resumed by the caller, if it waits).</summary>
    internal static void CloseTask(Execution execution, WorkItem task, string outcome, string? comment, JsonObject values)
    {
        task.Complete(execution.Actor, outcome, comment, values.ToJsonString(), execution.Now);
        execution.Journal(JournalKind.TaskCompleted, execution.Graph.Activities.GetValueOrDefault(task.ActivityId), outcome, comment,
            values.Count > 0 ? values.ToJsonString() : null);
    }

    /// <summary>
    /// 退回 and 撤回: closes <paramref name="closing"/> (their bookmarks and whatever waits between
    /// <paramref name="earlier"/>'s step and them goes), then runs <paramref name="earlier"/>'s step again; the task it
    /// opens is the person's who completed it before, with their values as a draft.
    /// </summary>
    internal static void Reopen(Execution execution, IReadOnlyList<WorkItem> closing, WorkItemStatus closeAs, WorkItem earlier,
        string? comment, JournalKind kind)
    {
        var graph = execution.Graph;
        var between = new HashSet<string>(StringComparer.Ordinal);
        var reachable = graph.Downstream(earlier.ActivityId, graph.SplitsOrJoins);
        foreach (var task in closing)
        {
            var upstream = graph.BranchUpstream(task.ActivityId);
            upstream.Add(task.ActivityId);
            between.UnionWith(upstream.Where(a => reachable.Contains(a) && a != earlier.ActivityId));
            task.CloseAs(closeAs, execution.Actor, comment, execution.Now);
            execution.Journal(kind, graph.Activities.GetValueOrDefault(task.ActivityId), comment: comment,
                detail: $"task:{task.Id:D}, to {earlier.ActivityId}");
        }
        foreach (var bookmark in execution.Bookmarks.Where(b => between.Contains(b.ActivityId) || closing.Any(t => t.Id == b.WorkItemId)).ToList())
        {
            execution.RemoveBookmark(bookmark);
        }
        var before = execution.Changes.AddedWorkItems.Count;
        execution.Enqueue(earlier.ActivityId, null);
        execution.Run();
        var reopened = execution.Changes.AddedWorkItems.Skip(before)
            .FirstOrDefault(w => w.ActivityId == earlier.ActivityId && w.Status == WorkItemStatus.Open);
        if (reopened is not null && earlier.CompletedBy is { } person)
        {
            reopened.AssigneeUser = person;
            reopened.AssigneeRole = null;
            reopened.ValuesJson = earlier.ValuesJson;
        }
    }

    /// <summary>Journals the start and runs from the Start activity.</summary>
    internal static void BeginRun(Execution execution)
    {
        execution.Journal(JournalKind.InstanceStarted, null, detail: $"{execution.Instance.DefinitionId} v{execution.Instance.Version}");
        var start = execution.Graph.Model.Activities.First(a => a.Type == "Start");
        execution.Enqueue(start.Id, null);
        execution.Run();
    }
}
