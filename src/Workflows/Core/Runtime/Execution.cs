using System.Text.Json.Nodes;
using Butler.Workflows.Activities;
using Butler.Workflows.Calendar;
using Butler.Workflows.Deadlines;
using Butler.Workflows.Notifications;
using Butler.Workflows.Scheduling;
using Butler.Workflows.Definitions;
using Butler.Workflows.Expressions;

namespace Butler.Workflows.Runtime;

/// <summary>The in-memory state of one stimulus being applied to one instance, until it is committed.</summary>
internal sealed class Execution
{
    private readonly Queue<(string ActivityId, ConnectionModel? Via)> _tokens = new();
    private readonly JsonObject _state;
    private ExpressionScope? _scope;

    public Execution(WorkflowInstance instance, WorkflowGraph graph, List<Bookmark> bookmarks,
        ActivityRegistry registry, ExpressionEvaluator expressions, Actor actor, DateTimeOffset now, int stepBudget, WorkingCalendar calendar)
    {
        Calendar = calendar;
        Instance = instance;
        Graph = graph;
        Bookmarks = bookmarks;
        Registry = registry;
        Expressions = expressions;
        Actor = actor;
        Now = now;
        StepBudget = stepBudget;
        Variables = JsonNode.Parse(instance.VariablesJson) as JsonObject ?? [];
        Input = JsonNode.Parse(instance.InputJson);
        _state = JsonNode.Parse(instance.StateJson) as JsonObject ?? [];
        Changes = new ChangeSet(instance, graph, actor, now, Variables);
    }

    /// <summary>Everything this stimulus changed besides the instance row, for the committer.</summary>
    public ChangeSet Changes { get; }
    public WorkflowInstance Instance { get; }
    /// <summary>The version the run is on; an alteration may move it to another.</summary>
    public WorkflowGraph Graph { get; set; }
    public List<Bookmark> Bookmarks { get; }
    public ActivityRegistry Registry { get; }
    public ExpressionEvaluator Expressions { get; }
    public Actor Actor { get; }
    public DateTimeOffset Now { get; }
    public int StepBudget { get; }
    public JsonObject Variables { get; }
    public JsonNode? Input { get; }
    public WorkingCalendar Calendar { get; }

    private JsonObject Outputs => Child(_state, "activities");

    public ExpressionScope Scope => _scope ??= new ExpressionScope(Variables, Input, Outputs);

    /// <summary>A token is waiting to run (used to decide whether the run is complete).</summary>
    public bool HasTokens => _tokens.Count > 0;

    public JsonObject StateOf(string activityId) => Child(Child(_state, "internal"), activityId);

    public void Enqueue(string activityId, ConnectionModel? via) => _tokens.Enqueue((activityId, via));

    /// <summary>Sends a token along every connection of each outcome.</summary>
    public void Follow(string activityId, IEnumerable<string> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            foreach (var connection in Graph.Outgoing(activityId, outcome))
            {
                Enqueue(connection.Target, connection);
            }
        }
    }

    /// <summary>Runs tokens until every live branch waits or the flow ends; false when the run faulted.</summary>
    public bool Run()
    {
        var steps = 0;
        while (_tokens.Count > 0)
        {
            var (activityId, via) = _tokens.Dequeue();
            if (++steps > StepBudget)
            {
                Fault(activityId, "StepBudgetExceeded",
                    $"More than {StepBudget} activities ran for one stimulus; stopped at '{activityId}'. Is there a loop without a task or signal in it?",
                    null);
                return false;
            }
            var model = Graph.Activities[activityId];
            var activity = Registry.Get(model.Type);
            Journal(JournalKind.ActivityStarted, model);
            if (!Apply(model, activity, () => activity.Execute(new ActivityContext(this, model, via))))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Resumes a waiting activity with a stimulus, then runs the tokens it releases.</summary>
    public bool Resume(Bookmark bookmark, Stimulus stimulus)
    {
        Bookmarks.Remove(bookmark);
        Changes.Release(bookmark);
        var model = Graph.Activities[bookmark.ActivityId];
        var activity = Registry.Get(model.Type);
        return Apply(model, activity, () => activity.Resume(new ActivityContext(this, model, null), stimulus)) && Run();
    }

    private bool Apply(ActivityModel model, Activity activity, Func<ActivityResult> body)
    {
        ActivityResult result;
        try
        {
            result = body();
        }
        catch (ExpressionException ex)
        {
            Fault(model.Id, "ExpressionFailed", ex.Message, ex.Expression);
            return false;
        }
#pragma warning disable CA1031 // An activity's bug must fault only its own instance, never the caller.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Fault(model.Id, "ActivityFailed", $"{activity.Type} '{model.Id}' failed: {ex.Message}", null);
            return false;
        }

        switch (result.Kind)
        {
            case ActivityResultKind.Completed:
                var outcome = result.Outcomes.Count == 0 ? null : string.Join(",", result.Outcomes);
                Journal(JournalKind.ActivityCompleted, model, outcome: outcome);
                RecordOutput(model.Id, outcome);
                Follow(model.Id, result.Outcomes);
                return true;
            case ActivityResultKind.Faulted:
                Fault(model.Id, "ActivityFaulted", result.FaultMessage ?? "The activity faulted.", null);
                return false;
            default:
                return true;
        }
    }

    private void RecordOutput(string activityId, string? outcome)
    {
        var output = Child(Outputs, activityId);
        output["outcome"] = outcome;
        output["at"] = Now;
    }

    public WorkItem OpenTask(ActivityContext context, LocalizedText title, (string? User, string? Role) assignee, string outcomesJson, string fieldsJson)
    {
        var item = new WorkItem
        {
            Id = Guid.CreateVersion7(Now),
            InstanceId = Instance.Id,
            ActivityId = context.ActivityId,
            Title = title.Truncate(500),
            AssigneeUser = assignee.User,
            AssigneeRole = assignee.Role,
            OutcomesJson = outcomesJson,
            FieldsJson = fieldsJson,
            Status = WorkItemStatus.Open,
            CreatedAt = Now,
        };
        Changes.Add(item);
        AddBookmark(context.ActivityId, BookmarkKind.Task, null, item.Id);
        var deadlines = DeadlinePolicy.Of(context.Activity);
        if (DeadlineRuntime.ResolveDue(this, context, deadlines.Due) is { } dueAt)
        {
            DeadlineRuntime.ArmTask(this, item, deadlines, dueAt);
        }
        Journal(JournalKind.TaskCreated, context.Activity, detail: assignee.User is not null ? $"user:{assignee.User}" : $"role:{assignee.Role}");
        return item;
    }

    /// <summary>
    /// Opens the approval an Approval activity waits for; 去重 votes for the approvers who approved before (when the
    /// activity asks for it). Returns it pending with a bookmark, or already decided by those votes (no bookmark).
    /// </summary>
    public Approval OpenApproval(ActivityContext context, LocalizedText title, IReadOnlyList<RecipientSpec> approvers, IReadOnlyList<string> outcomes,
        string mode, IReadOnlyDictionary<string, int>? weights = null, int? threshold = null)
    {
        var approval = NewApproval(context.ActivityId, title, null, approvers, outcomes, mode, ask: false);
        if (mode == "weighted")
        {
            approval.WeightsJson = System.Text.Json.JsonSerializer.Serialize(weights ?? new Dictionary<string, int>());
            approval.Threshold = threshold;
        }
        List<ApprovalVote> votes = [];
        if (WorkflowInterpreter.ApproveRepeated(this, approval, votes) is not null)
        {
            return approval;
        }
        Ask(approval, votes, []);
        AddBookmark(context.ActivityId, BookmarkKind.Approval, null, null, approval.Id);
        var deadlines = DeadlinePolicy.Of(context.Activity);
        if (DeadlineRuntime.ResolveDue(this, context, deadlines.Due) is { } dueAt)
        {
            DeadlineRuntime.ArmApproval(this, approval, deadlines, dueAt);
        }
        return approval;
    }

    /// <summary>
    /// The approvers (by user name) who approved an earlier approval of this run: loaded by the runner when the graph
    /// has an Approval that skips them (去重), grown by the votes of this stimulus.
    /// </summary>
    public HashSet<string> ApprovedBefore { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Asks whom the approval now waits for and was not asked before (依次审批: the next in order; 加签: a signer's turn).</summary>
    public void Ask(Approval approval, IReadOnlyList<ApprovalVote> votes, IReadOnlyList<RecipientSpec> askedBefore)
    {
        var asking = approval.Awaiting(votes).Where(a => !askedBefore.Contains(a)).ToList();
        if (asking.Count > 0)
        {
            Notify(asking, new NotificationModel(NotificationKind.ApprovalRequested, approval.Title, Instance.Id,
                TaskId: approval.EscalatedTaskId, ApprovalId: approval.Id, DueAt: approval.DueAt, Reason: approval.Reason), $"approval:{approval.Id}");
        }
    }

    /// <summary>Creates an approval, journals it and asks its approvers.</summary>
    public Approval NewApproval(string activityId, LocalizedText title, LocalizedText? reason, IReadOnlyList<RecipientSpec> approvers,
        IReadOnlyList<string> outcomes, string mode, WorkItem? escalatedTask = null, int? escalationStep = null, bool ask = true)
    {
        var approval = new Approval
        {
            Id = Guid.CreateVersion7(Now),
            InstanceId = Instance.Id,
            ActivityId = activityId,
            EscalatedTaskId = escalatedTask?.Id,
            EscalationStep = escalationStep,
            Title = title.Truncate(500),
            Reason = reason,
            Mode = mode,
            OutcomesJson = System.Text.Json.JsonSerializer.Serialize(outcomes),
            ApproversJson = System.Text.Json.JsonSerializer.Serialize(approvers, DefinitionJson.Options),
            Status = ApprovalStatus.Pending,
            CreatedAt = Now,
        };
        Changes.Add(approval);
        Journal(JournalKind.ApprovalOpened, Graph.Activities.GetValueOrDefault(activityId), detail: $"{approval.Id}: {string.Join(", ", approvers.Select(a => a.User ?? "role:" + a.Role))}");
        if (ask)
        {
            Notify(approvers, new NotificationModel(NotificationKind.ApprovalRequested, approval.Title, Instance.Id,
                TaskId: escalatedTask?.Id, ApprovalId: approval.Id, DueAt: escalatedTask?.DueAt, Reason: reason), $"approval:{approval.Id}");
        }
        return approval;
    }

    public Bookmark AddBookmark(string activityId, BookmarkKind kind, string? name, Guid? workItemId, Guid? approvalId = null)
    {
        var bookmark = new Bookmark
        {
            Id = Guid.CreateVersion7(Now),
            InstanceId = Instance.Id,
            ActivityId = activityId,
            Kind = kind,
            Name = name,
            WorkItemId = workItemId,
            ApprovalId = approvalId,
            CreatedAt = Now,
        };
        Bookmarks.Add(bookmark);
        Changes.Add(bookmark);
        return bookmark;
    }

    /// <summary>Adds a durable timer; it is scheduled with Hangfire once the stimulus commits.</summary>
    public DurableTimer AddTimer(TimerKind kind, string activityId, DateTimeOffset dueAt, int step = 0,
        Guid? workItemId = null, Guid? approvalId = null, Guid? bookmarkId = null)
    {
        var timer = new DurableTimer
        {
            Id = Guid.CreateVersion7(Now),
            InstanceId = Instance.Id,
            ActivityId = activityId,
            Kind = kind,
            DueAt = dueAt,
            Step = step,
            WorkItemId = workItemId,
            ApprovalId = approvalId,
            BookmarkId = bookmarkId,
            Status = TimerStatus.Pending,
            CreatedAt = Now,
        };
        Changes.Add(timer);
        return timer;
    }

    /// <summary>Adds a duration to a point in time through the working-day calendar (the result is in its zone's offset).</summary>
    public DateTimeOffset AddDuration(DateTimeOffset from, string duration) =>
        BusinessDuration.TryParse(duration, out var parsed, out var problem)
            ? AddDuration(from, parsed)
            : throw new FormatException(Failure.Duration("duration", problem, duration).English);

    /// <summary>Adds a parsed duration to a point in time through the working-day calendar.</summary>
    public DateTimeOffset AddDuration(DateTimeOffset from, BusinessDuration duration) => Calendar.Add(from, duration).Due;

    public void Notify(IReadOnlyList<RecipientSpec> to, NotificationModel model, string dedupKey) =>
        Changes.Add(new PendingNotification(to, model, dedupKey));

    /// <summary>
    /// 抄送: copies a task or an approval to the people <paramref name="to"/> names (the committer resolves roles and
    /// teams to people, writes one copy each and tells them), journalled as done by <paramref name="by"/>.
    /// </summary>
    public void Copy(IReadOnlyList<RecipientSpec> to, WorkItem? task, Approval? approval, string? comment, string by)
    {
        if (to.Count == 0 || (task is null && approval is null))
        {
            return;
        }
        var activityId = task?.ActivityId ?? approval!.ActivityId;
        var source = task is not null ? $"task:{task.Id:D}" : $"approval:{approval!.Id:D}";
        var names = string.Join(", ", to.Select(r => r.User ?? r.Role));
        Journal(JournalKind.Copied, Graph.Activities.GetValueOrDefault(activityId), comment: comment, detail: $"{source}, to {names}", actor: by);
        Changes.Add(new PendingCopy(to, task?.Id, approval?.Id, activityId, task?.Title ?? approval!.Title, by, comment));
    }

    public void CancelBranchesFeeding(string activityId)
    {
        var feeding = Graph.Feeding(activityId, a => a.Type == "Fork");
        foreach (var bookmark in Bookmarks.Where(b => feeding.Contains(b.ActivityId)).ToList())
        {
            RemoveBookmark(bookmark);
            Journal(JournalKind.BranchCancelled, Graph.Activities[bookmark.ActivityId], detail: $"cancelled by '{activityId}'");
        }
        // Tokens already queued for the join itself are the other branches arriving in this same run: they lost the race.
        var kept = _tokens.Where(t => !feeding.Contains(t.ActivityId) && t.ActivityId != activityId).ToList();
        _tokens.Clear();
        foreach (var token in kept)
        {
            _tokens.Enqueue(token);
        }
    }

    /// <summary>Removes every bookmark and cancels its task (instance cancelled or faulted).</summary>
    public void RemoveAllBookmarks()
    {
        foreach (var bookmark in Bookmarks.ToList())
        {
            RemoveBookmark(bookmark);
        }
    }

    /// <summary>Stops waiting at a bookmark and cancels its task; its timers and approval go with it at the commit.</summary>
    public void RemoveBookmark(Bookmark bookmark)
    {
        Bookmarks.Remove(bookmark);
        Changes.Release(bookmark);
        if (bookmark.WorkItemId is { } id)
        {
            Changes.CancelWorkItem(id, Now);
        }
    }

    public void Fault(string? activityId, string kind, string message, string? expression)
    {
        Instance.Status = WorkflowStatus.Faulted;
        Instance.FinishedAt = Now;
        Changes.Add(new Incident
        {
            Id = Guid.CreateVersion7(Now),
            InstanceId = Instance.Id,
            ActivityId = activityId,
            At = Now,
            Kind = kind,
            Message = message.Length > 4000 ? message[..4000] : message,
            Expression = expression,
        });
        var model = activityId is not null && Graph.Activities.TryGetValue(activityId, out var a) ? a : null;
        if (model is not null)
        {
            Journal(JournalKind.ActivityFaulted, model, detail: message);
        }
        Journal(JournalKind.InstanceFaulted, null, detail: message);
        _tokens.Clear();
        RemoveAllBookmarks();
    }

    public void Journal(JournalKind kind, ActivityModel? activity, string? outcome = null, string? comment = null, string? detail = null, string? actor = null)
    {
        var entry = JournalEntry.Next(Instance, Now, kind, activity?.Id, activity?.Type, actor ?? Actor.UserName, outcome, comment, detail);
        // Done by the stimulus's actor as someone's proxy: the entry says for whom (代理人).
        entry.OnBehalfOf = actor is null ? Actor.OnBehalfOf : null;
        Changes.Add(entry);
    }

    /// <summary>
    /// Ends the stimulus in memory: completes the run when nothing waits, writes variables and state back to the
    /// instance, bumps its revision, and returns what changed for the committer.
    /// </summary>
    public ChangeSet Finish()
    {
        if (Instance.Status == WorkflowStatus.Running && Bookmarks.Count == 0 && _tokens.Count == 0)
        {
            Instance.Status = WorkflowStatus.Completed;
            Instance.FinishedAt = Now;
            Journal(JournalKind.InstanceCompleted, null);
        }
        Instance.VariablesJson = Variables.ToJsonString();
        Instance.StateJson = _state.ToJsonString();
        Instance.UpdatedAt = Now;
        Instance.Revision++;
        return Changes;
    }

    private static JsonObject Child(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject child)
        {
            return child;
        }
        child = [];
        parent[name] = child;
        return child;
    }
}
