using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Butler.Workflows.Activities;
using Butler.Workflows.Definitions;
using Butler.Workflows.Expressions;
using Butler.Workflows.Input;
using Butler.Workflows.Notifications;
using Butler.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Butler.Workflows.Runtime;

/// <summary>Applies one stimulus per transaction to an instance and runs it until every branch waits or the flow ends.</summary>
public sealed partial class WorkflowRunner(
    IDbContextFactory<ButlerDbContext> dbFactory,
    DefinitionService definitions,
    ActivityRegistry registry,
    ExpressionEvaluator expressions,
    TimeProvider time,
    IOptions<RunnerOptions> options,
    RunnerServices services,
    ChangeSetCommitter committer,
    ILogger<WorkflowRunner> logger)
{
    private readonly RunnerOptions _options = options.Value;

    /// <summary>Starts an instance on the newest published version of a definition.</summary>
    public Task<OperationResult<Guid>> StartAsync(string definitionId, JsonNode? input, Actor actor, IdempotencyKey? idempotencyKey = null, CancellationToken ct = default) =>
        StartAsync(definitionId, input, actor, null, idempotencyKey, ct);

    /// <summary>
    /// Starts an instance; <paramref name="alongside"/> adds the domain rows the run belongs to (a project, a problem)
    /// in the same transaction, so neither exists without the other. It may run more than once (a lost race is
    /// retried) and must create fresh entities each time.
    /// </summary>
    public Task<OperationResult<Guid>> StartAsync(string definitionId, JsonNode? input, Actor actor,
        Func<ButlerDbContext, WorkflowInstance, CancellationToken, Task>? alongside, IdempotencyKey? idempotencyKey = null, CancellationToken ct = default) =>
        WithRetry(idempotencyKey, ReplayWhen.Seen, async db =>
        {
            if (input is not null and not JsonObject)
            {
                return OperationResult<Guid>.Invalid("input", Failure.JsonObject("input"));
            }
            var version = await DefinitionService.LatestPublishedVersionAsync(db, definitionId, ct);
            if (version is null)
            {
                return await db.DefinitionVersions.AnyAsync(v => v.DefinitionId == definitionId, ct)
                    ? OperationResult<Guid>.Invalid("definitionId", Failure.NotPublished(definitionId))
                    : OperationResult<Guid>.Invalid("definitionId", Failure.DefinitionNotFound(definitionId));
            }
            var graph = await definitions.GetPublishedGraphAsync(db, definitionId, version.Value, ct)
                ?? throw new InvalidOperationException($"Published version {version} of '{definitionId}' cannot be read.");
            var now = time.GetUtcNow();
            var instance = WorkflowInterpreter.NewInstance(graph, definitionId, version.Value, input as JsonObject, actor, now);
            db.Instances.Add(instance);
            if (alongside is not null)
            {
                await alongside(db, instance, ct);
            }
            var execution = await NewExecutionAsync(instance, graph, [], actor, now, ct);
            WorkflowInterpreter.BeginRun(execution);
            await CommitAsync(db, execution, idempotencyKey, "start", ct);
            return OperationResult<Guid>.Ok(instance.Id);
        }, ct);

    /// <summary>Completes a task with one of its outcomes on behalf of its assignee.</summary>
    public Task<OperationResult<Guid>> CompleteTaskAsync(Guid taskId, Actor actor, string? outcome, string? comment, JsonObject? values,
        IdempotencyKey? idempotencyKey = null, CancellationToken ct = default) =>
        WithRetry(idempotencyKey, ReplayWhen.Conflict, async db =>
        {
            var task = await db.WorkItems.FirstOrDefaultAsync(w => w.Id == taskId, ct);
            if (task is null)
            {
                return OperationResult<Guid>.NotFound(Failure.TaskNotFound(taskId));
            }
            switch (task.RefusesCompletion(actor))
            {
                case TaskRule.NotAssigned:
                    return OperationResult<Guid>.Forbidden(Failure.TaskMayNotComplete());
                case TaskRule.NotOpen:
                    return OperationResult<Guid>.Conflict(Failure.TaskNotOpen(task.Status));
                case TaskRule.ClaimedByAnother:
                    return OperationResult<Guid>.Forbidden(Failure.TaskClaimedByAnother(task.ClaimedBy));
                case TaskRule.DelegateMayNotComplete:
                    return OperationResult<Guid>.Forbidden(Failure.TaskDelegateMayNotComplete(task.Owner));
                case TaskRule.Delegated:
                    return OperationResult<Guid>.Conflict(Failure.TaskDelegated(task.DelegatedTo));
            }
            actor = actor.ActingFor(task.RepresentedBy(actor));
            var errors = CheckCompletion(task, outcome, comment, values ?? [], out var cleanValues);
            if (errors.Count > 0)
            {
                return OperationResult<Guid>.Invalid(errors);
            }
            // An on-site office stands beside the flow: it can be closed after the flow has ended.
            var loaded = await LoadAsync(db, task.InstanceId, ct, allowFinished: task.Kind != WorkItemKinds.Task);
            if (loaded.Failure is { } failure)
            {
                return failure;
            }
            var (instance, graph, bookmarks) = loaded.Value;
            var bookmark = bookmarks.FirstOrDefault(b => b.WorkItemId == task.Id);
            if (bookmark is null && task.Kind == WorkItemKinds.Task)
            {
                return OperationResult<Guid>.Conflict(Failure.TaskNotAwaited());
            }
            var now = time.GetUtcNow();
            var interpreter = await InterpreterAsync(instance, graph, ct);
            ChangeSet changes;
            if (bookmark is not null)
            {
                changes = interpreter.CompleteTask(instance, graph, bookmarks, task, outcome!, comment, cleanValues, actor, now);
            }
            else
            {
                // Nothing waits for a side task: it is closed and its own timers go, the flow does not move.
                var execution = interpreter.Open(instance, graph, bookmarks, actor, now);
                WorkflowInterpreter.CloseTask(execution, task, outcome!, comment, cleanValues);
                await CancelTimersAsync(db, execution, t => t.WorkItemId == task.Id, ct);
                changes = execution.Finish();
            }
            await committer.CommitAsync(db, changes, idempotencyKey, "task", ct);
            return OperationResult<Guid>.Ok(instance.Id);
        }, ct);

    /// <summary>Sends a named signal to an instance, resuming every WaitSignal that waits for it.</summary>
    public Task<OperationResult<Guid>> SignalAsync(Guid instanceId, string name, JsonNode? payload, Actor actor,
        IdempotencyKey? idempotencyKey = null, CancellationToken ct = default) =>
        WithRetry(idempotencyKey, ReplayWhen.Seen, async db =>
        {
            var loaded = await LoadAsync(db, instanceId, ct);
            if (loaded.Failure is { } failure)
            {
                return failure;
            }
            var (instance, graph, bookmarks) = loaded.Value;
            var waiting = bookmarks.Where(b => b.Kind == BookmarkKind.Signal && string.Equals(b.Name, name, StringComparison.Ordinal)).ToList();
            if (waiting.Count == 0)
            {
                return OperationResult<Guid>.Conflict(Failure.SignalNotWaiting(name));
            }
            var changes = (await InterpreterAsync(instance, graph, ct)).Signal(instance, graph, bookmarks, name, payload, actor, time.GetUtcNow());
            await committer.CommitAsync(db, changes, idempotencyKey, "signal", ct);
            return OperationResult<Guid>.Ok(instance.Id);
        }, ct);

    /// <summary>Cancels a running instance and every task it has open.</summary>
    public Task<OperationResult<Guid>> CancelAsync(Guid instanceId, Actor actor, CancellationToken ct = default) =>
        WithRetry<Guid>(db => EndRunAsync(db, instanceId, actor, null, null, null, "cancel", ct), ct);

    /// <summary>
    /// 撤销: the person who started a run takes it back while nobody else has worked on it (no step completed or voted on
    /// by another, no open step claimed, delegated, transferred or given notes or files). The run ends cancelled, its
    /// open tasks with it, journalled as withdrawn by its starter with <paramref name="comment"/>.
    /// </summary>
    public Task<OperationResult<Guid>> WithdrawRunAsync(Guid instanceId, Actor actor, string? comment,
        IdempotencyKey? idempotencyKey = null, CancellationToken ct = default) =>
        WithRetry(idempotencyKey, ReplayWhen.Seen, async db =>
        {
            var errors = new ValidationErrors();
            var why = InputRules.Text(comment, "comment", errors);
            return errors.Count > 0 ? OperationResult<Guid>.Invalid(errors)
                : await EndRunAsync(db, instanceId, actor, async instance =>
                {
                    if (!string.Equals(instance.CreatedBy, actor.UserName, StringComparison.OrdinalIgnoreCase))
                    {
                        return OperationResult<Guid>.Forbidden(Failure.RunNotYours());
                    }
                    var starter = actor.UserName;
                    var items = await db.WorkItems.Where(w => w.InstanceId == instance.Id).ToListAsync(ct);
                    var byOthers = items.Any(w => w.Status != WorkItemStatus.Open && w.Status != WorkItemStatus.Cancelled
                        && !string.Equals(w.CompletedBy, starter, StringComparison.OrdinalIgnoreCase));
                    var voted = await db.ApprovalVotes.AnyAsync(v => db.Approvals.Any(a => a.Id == v.ApprovalId && a.InstanceId == instance.Id)
                        && v.Approver != starter, ct);
                    var open = items.Where(w => w.Status == WorkItemStatus.Open).ToList();
                    return byOthers || voted || (open.Count > 0 && !await UntouchedAsync(db, open, ct))
                        ? OperationResult<Guid>.Conflict(Failure.RunUnderWay()) : null;
                }, why, idempotencyKey, "withdrawRun", ct, (execution, cancelled) =>
                {
                    // Whoever had an open task of the run hears that it needs no more work.
                    foreach (var task in cancelled.Where(t => t.Kind == WorkItemKinds.Task))
                    {
                        execution.Notify(WorkersOf(task), MoveModel(NotificationKind.RunWithdrawn, task, actor, why), $"runWithdrawn:{task.Id:D}");
                    }
                });
        }, ct);

    /// <summary>Ends a running instance as cancelled with its open tasks, once <paramref name="refuse"/> (when given) has no objection.</summary>
    private async Task<OperationResult<Guid>> EndRunAsync(ButlerDbContext db, Guid instanceId, Actor actor,
        Func<WorkflowInstance, Task<OperationResult<Guid>?>>? refuse, string? comment, IdempotencyKey? idempotencyKey, string kind, CancellationToken ct,
        Action<Execution, IReadOnlyList<WorkItem>>? tell = null)
    {
        var loaded = await LoadAsync(db, instanceId, ct);
        if (loaded.Failure is { } failure)
        {
            return failure;
        }
        var (instance, graph, bookmarks) = loaded.Value;
        if (refuse is not null && await refuse(instance) is { } refusal)
        {
            return refusal;
        }
        var now = time.GetUtcNow();
        var execution = await NewExecutionAsync(instance, graph, bookmarks, actor, now, ct);
        execution.RemoveAllBookmarks();
        // Work items that no bookmark waits for (a leader's on-site office) would otherwise stay open for good.
        var open = await db.WorkItems.Where(w => w.InstanceId == instance.Id && w.Status == WorkItemStatus.Open).ToListAsync(ct);
        foreach (var item in open)
        {
            item.Cancel(now);
        }
        instance.Status = WorkflowStatus.Cancelled;
        instance.FinishedAt = now;
        execution.Journal(refuse is null ? JournalKind.InstanceCancelled : JournalKind.InstanceWithdrawn, null, comment: comment);
        tell?.Invoke(execution, open);
        await CommitAsync(db, execution, idempotencyKey, kind, ct);
        return OperationResult<Guid>.Ok(instance.Id);
    }

    /// <summary>
    /// Resumes a faulted instance from the activity that faulted, after <paramref name="variables"/> (declared variables
    /// only) are set to repair the data it failed on. The incident is resolved by a journal entry naming it and who retried.
    /// Only the faulted branch resumes: tasks that the fault cancelled in parallel branches stay cancelled. A retry that
    /// faults again records a new incident. An instance that is not faulted is a conflict.
    /// </summary>
    public Task<OperationResult<Guid>> RetryAsync(Guid instanceId, Actor actor, JsonObject? variables = null, CancellationToken ct = default) =>
        WithRetry<Guid>(async db =>
        {
            var instance = await db.Instances.FirstOrDefaultAsync(i => i.Id == instanceId, ct);
            if (instance is null)
            {
                return OperationResult<Guid>.NotFound(Failure.InstanceNotFound(instanceId));
            }
            if (instance.Status != WorkflowStatus.Faulted)
            {
                return OperationResult<Guid>.Conflict(Failure.InstanceNotFaulted(instance.Status));
            }
            var graph = await definitions.GetPublishedGraphAsync(db, instance.DefinitionId, instance.Version, ct)
                ?? throw new InvalidOperationException($"Version {instance.Version} of '{instance.DefinitionId}' is missing.");
            var incidents = await db.Incidents.AsNoTracking().Where(i => i.InstanceId == instanceId).ToListAsync(ct);
            var incident = incidents.OrderByDescending(i => i.At).ThenByDescending(i => i.Id).FirstOrDefault();
            if (incident?.ActivityId is not { } activityId || !graph.Activities.TryGetValue(activityId, out var activity))
            {
                return OperationResult<Guid>.Conflict(Failure.InstanceNoResumePoint());
            }
            // A retry is the alteration "repair these variables, then run the faulted activity again", journalled as one entry.
            List<Alterations.Alteration> alterations = variables is { Count: > 0 }
                ? [new Alterations.SetVariables(variables), new Alterations.ScheduleActivity(activityId)]
                : [new Alterations.ScheduleActivity(activityId)];
            var now = time.GetUtcNow();
            var bookmarks = await db.Bookmarks.Where(b => b.InstanceId == instanceId).ToListAsync(ct);
            var execution = await NewExecutionAsync(instance, graph, bookmarks, actor, now, ct);
            var errors = Alterations.AlterationRunner.Check(execution, alterations, _ => null);
            if (errors.Count > 0)
            {
                return OperationResult<Guid>.Invalid(errors);
            }
            var changed = variables is { Count: > 0 } ? "variables: " + string.Join(", ", variables.Select(v => v.Key)) : null;
            execution.Journal(JournalKind.InstanceRetried, activity, comment: changed, detail: incident.ResolutionDetail);
            Alterations.AlterationRunner.Apply(execution, alterations, _ => null, reason: null);
            await CommitAsync(db, execution, null, "retry", ct);
            return OperationResult<Guid>.Ok(instance.Id);
        }, ct);

    /// <summary>Loads an instance that can take a stimulus and opens its execution; the failure (404, 409) otherwise.</summary>
    private async Task<(Execution? Execution, OperationResult<Guid>? Failure)> ExecutionForAsync(ButlerDbContext db, Guid instanceId, Actor actor,
        DateTimeOffset now, CancellationToken ct)
    {
        var loaded = await LoadAsync(db, instanceId, ct);
        if (loaded.Failure is { } failure)
        {
            return (null, failure);
        }
        var (instance, graph, bookmarks) = loaded.Value;
        return (await NewExecutionAsync(instance, graph, bookmarks, actor, now, ct), null);
    }

    private async Task<Execution> NewExecutionAsync(WorkflowInstance instance, WorkflowGraph graph, List<Bookmark> bookmarks,
        Actor actor, DateTimeOffset now, CancellationToken ct) =>
        (await InterpreterAsync(instance, graph, ct)).Open(instance, graph, bookmarks, actor, now);

    /// <summary>The in-memory interpreter on the configured working-day calendar.</summary>
    private async Task<WorkflowInterpreter> InterpreterAsync(WorkflowInstance instance, WorkflowGraph graph, CancellationToken ct)
    {
        var calendar = services.Calendars.TryGetCached(_options.CalendarId)
            ?? await services.Calendars.GetAsync(_options.CalendarId, ct)
            ?? services.WeekendsOnly;
        return new WorkflowInterpreter(registry, expressions, calendar, _options.MaxStepsPerStimulus)
        {
            ApprovedBefore = WorkflowInterpreter.SkipsRepeatedApprovers(graph) ? await ApprovedBeforeAsync(instance.Id, ct) : [],
        };
    }

    /// <summary>去重: who voted Approve on an approval of the run so far.</summary>
    private async Task<IReadOnlyCollection<string>> ApprovedBeforeAsync(Guid instanceId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ApprovalVotes
            .Where(v => v.Outcome == Approval.Approve && db.Approvals.Any(a => a.Id == v.ApprovalId && a.InstanceId == instanceId))
            .Select(v => v.Approver).Distinct().ToListAsync(ct);
    }

    private sealed record Loaded(bool NotFound, Failure? Error, (WorkflowInstance, WorkflowGraph, List<Bookmark>) Value)
    {
        /// <summary>404 for a missing instance, 409 for one that no longer runs; null when the instance can take the stimulus.</summary>
        public OperationResult<Guid>? Failure => NotFound
            ? OperationResult<Guid>.NotFound(Error!)
            : Error is not null ? OperationResult<Guid>.Conflict(Error) : null;
    }

    private async Task<Loaded> LoadAsync(ButlerDbContext db, Guid instanceId, CancellationToken ct, bool allowFinished = false)
    {
        var instance = await db.Instances.FirstOrDefaultAsync(i => i.Id == instanceId, ct);
        if (instance is null)
        {
            return new Loaded(true, Failure.InstanceNotFound(instanceId), default);
        }
        if (instance.Status != WorkflowStatus.Running && !(allowFinished && instance.Status != WorkflowStatus.Cancelled))
        {
            return new Loaded(false, Failure.InstanceNotRunning(instance.Status), default);
        }
        var graph = await definitions.GetPublishedGraphAsync(db, instance.DefinitionId, instance.Version, ct)
            ?? throw new InvalidOperationException($"Version {instance.Version} of '{instance.DefinitionId}' is missing.");
        var bookmarks = await db.Bookmarks.Where(b => b.InstanceId == instanceId).ToListAsync(ct);
        return new Loaded(false, null, (instance, graph, bookmarks));
    }

    /// <summary>When a stimulus that carries a key looks for an earlier one with the same key.</summary>
    private enum ReplayWhen
    {
        /// <summary>Before the work: the stimulus could succeed again (a start, a signal), so a seen key stops it first.</summary>
        Seen,

        /// <summary>
        /// Only once the work is refused as a conflict (the task is done, the vote cast): whether the caller may act is
        /// checked first, so a replay is answered only to someone who may still make the request.
        /// </summary>
        Conflict,
    }

    /// <summary>Runs one stimulus in a fresh context; on an optimistic-concurrency loss, reloads and tries again.</summary>
    private Task<OperationResult<T>> WithRetry<T>(Func<ButlerDbContext, Task<OperationResult<T>>> body, CancellationToken ct) =>
        Attempt(null, body, ct);

    /// <summary>
    /// Runs a stimulus that may carry an idempotency key: a key seen before answers with the instance the first request
    /// acted on, marked as a duplicate, instead of acting twice.
    /// </summary>
    private Task<OperationResult<Guid>> WithRetry(IdempotencyKey? idempotencyKey, ReplayWhen replayWhen,
        Func<ButlerDbContext, Task<OperationResult<Guid>>> body, CancellationToken ct)
    {
        if (idempotencyKey is { Value.Length: > IdempotencyKey.MaxLength })
        {
            return Task.FromResult(OperationResult<Guid>.Invalid("Idempotency-Key", Failure.KeyLength("Idempotency-Key", IdempotencyKey.MaxLength)));
        }
        var replay = idempotencyKey is null ? null
            : new Replay<Guid>(idempotencyKey, replayWhen, seen => OperationResult<Guid>.Ok(seen.InstanceId) with { WasDuplicate = true });
        return Attempt(replay, body, ct);
    }

    /// <summary>How a keyed stimulus answers a request it has seen.</summary>
    private sealed record Replay<T>(IdempotencyKey Key, ReplayWhen When, Func<ProcessedStimulus, OperationResult<T>> Answer);

    private async Task<OperationResult<T>> Attempt<T>(Replay<T>? replay, Func<ButlerDbContext, Task<OperationResult<T>>> body, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (replay is { When: ReplayWhen.Seen } && await FindProcessedAsync(db, replay.Key, ct) is { } seen)
            {
                return replay.Answer(seen);
            }
            try
            {
                var result = await body(db);
                // A copy of the same request that overlapped the first finds the work done and is told so as a
                // conflict; it is the first request's answer it should get.
                if (result.Status == OperationStatus.Conflict && replay is not null)
                {
                    await using var check = await dbFactory.CreateDbContextAsync(ct);
                    if (await FindProcessedAsync(check, replay.Key, ct) is { } done)
                    {
                        return replay.Answer(done);
                    }
                }
                return result;
            }
            catch (DbUpdateConcurrencyException) when (attempt < _options.MaxAttempts)
            {
                LogConcurrencyRetry(attempt);
            }
            // A lost race does not always surface as a concurrency exception: on PostgreSQL the loser's batch can fail
            // first on the unique journal sequence (InstanceId, Sequence) that the winner just used. Nothing of the
            // failed attempt was committed, so reloading and deciding again is always safe.
            catch (DbUpdateException) when (replay is not null || attempt < _options.MaxAttempts)
            {
                if (replay is not null)
                {
                    await using var check = await dbFactory.CreateDbContextAsync(ct);
                    if (await FindProcessedAsync(check, replay.Key, ct) is { } raced)
                    {
                        return replay.Answer(raced);
                    }
                }
                if (attempt >= _options.MaxAttempts)
                {
                    throw;
                }
                LogConcurrencyRetry(attempt);
            }
        }
    }

    private static Task<ProcessedStimulus?> FindProcessedAsync(ButlerDbContext db, IdempotencyKey key, CancellationToken ct) =>
        db.ProcessedStimuli.AsNoTracking().FirstOrDefaultAsync(p => p.Key == key.Value, ct);

    /// <summary>Checks the chosen outcome and the form values against the task's definition.</summary>
    private static ValidationErrors CheckCompletion(WorkItem task, string? outcome, string? comment, JsonObject values, out JsonObject clean)
    {
        var errors = new ValidationErrors();
        InputRules.Text(comment, "comment", errors);
        clean = [];
        var outcomes = JsonSerializer.Deserialize<string[]>(task.OutcomesJson) ?? [];
        if (string.IsNullOrWhiteSpace(outcome))
        {
            errors.Refuse("outcome", Failure.OutcomeRequired(outcomes));
        }
        else if (!outcomes.Contains(outcome, StringComparer.Ordinal))
        {
            errors.Refuse("outcome", Failure.OutcomeNotOffered(outcomes, outcome));
        }
        CheckFields(task, values, errors, clean, draft: false);
        return errors;
    }

    /// <summary>
    /// Checks form values against the task's fields; the values that pass go into <paramref name="clean"/>. A
    /// <paramref name="draft"/> (a delegate's work sent back to the owner) may leave required fields empty.
    /// </summary>
    private static void CheckFields(WorkItem task, JsonObject values, ValidationErrors errors, JsonObject clean, bool draft)
    {
        var fields = JsonNode.Parse(task.FieldsJson) as JsonArray ?? [];
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields.OfType<JsonObject>())
        {
            var name = field["name"]?.GetValue<string>() ?? "";
            known.Add(name);
            var type = field["type"]?.GetValue<string>() ?? "text";
            var required = field["required"]?.GetValueKind() == JsonValueKind.True;
            values.TryGetPropertyValue(name, out var value);
            if (value is null || (value.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetValue<string>())))
            {
                if (required && !draft)
                {
                    errors.Refuse($"fields.{name}", Failure.Required($"'{name}'"));
                }
                continue;
            }
            var problem = CheckFieldValue(type, value);
            if (problem is not null)
            {
                errors.Refuse($"fields.{name}", problem);
                continue;
            }
            clean[name] = value.DeepClone();
        }
        foreach (var (name, _) in values)
        {
            if (!known.Contains(name))
            {
                errors.Refuse($"fields.{name}", Failure.UnknownField());
            }
        }
    }

    private static Failure? CheckFieldValue(string type, JsonNode value) => type switch
    {
        "number" => value.GetValueKind() == JsonValueKind.Number ? null : Failure.NotNumber(),
        "boolean" => value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? null : Failure.NotBoolean(),
        "date" => value.GetValueKind() == JsonValueKind.String
                  && DateOnly.TryParseExact(value.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? (InputRules.InRange(day) ? null : Failure.DateBetween(InputRules.FirstDay, InputRules.LastDay))
            : Failure.DateFormat(),
        // A text field is multi-line (a textarea), a select one of its options: both the rule of multi-line text.
        _ => value.GetValueKind() == JsonValueKind.String
            ? InputRules.TextProblem(value.GetValue<string>(), "The value")?.Failure
            : Failure.NotText(),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Stimulus lost an optimistic-concurrency race (attempt {Attempt}); reloading and retrying")]
    private partial void LogConcurrencyRetry(int attempt);
}
