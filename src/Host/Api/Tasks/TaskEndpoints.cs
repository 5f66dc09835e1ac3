using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Butler.Host.Api.Idempotency;
using Butler.Host.Identity;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Butler.Workflows.Input;

namespace Butler.Host.Api.Tasks;

public sealed record AssigneeView(string? User, string? Role);

/// <summary>
/// A task as the API shows it; <c>light</c> is computed at read time: green, yellow (reminder window), red (overdue).
/// <c>owner</c> is the person the task is theirs (assigned or claimed), <c>delegatedTo</c> who works on it for them
/// (委派); <c>values</c> of an open task are the draft a delegate sent back.
/// </summary>
public sealed record TaskView(Guid Id, Guid InstanceId, string ActivityId, string Kind, string Title, AssigneeView Assignee,
    IReadOnlyList<string> Outcomes, JsonNode? Fields, string Status, DateTimeOffset CreatedAt, DateTimeOffset? Due, string Light,
    int EscalationLevel, DateTimeOffset? CompletedAt, string? CompletedBy, string? Outcome, string? Comment, JsonNode? Values,
    string? ClaimedBy, DateTimeOffset? ClaimedAt, string? Owner = null, string? DelegatedTo = null, DateTimeOffset? DelegatedAt = null,
    int UrgeCount = 0, DateTimeOffset? LastUrgedAt = null)
{
    public static TaskView From(WorkItem w, DateTimeOffset now) => new(w.Id, w.InstanceId, w.ActivityId, w.Kind, w.Title.Current,
        new AssigneeView(w.AssigneeUser, w.AssigneeRole),
        JsonSerializer.Deserialize<string[]>(w.OutcomesJson) ?? [], JsonNode.Parse(w.FieldsJson), w.Status.ToString().ToLowerInvariant(),
        w.CreatedAt, w.DueAt, w.LightAt(now), w.EscalationLevel,
        w.CompletedAt, w.CompletedBy, w.Outcome, w.Comment, w.ValuesJson is null ? null : JsonNode.Parse(w.ValuesJson),
        w.ClaimedBy, w.ClaimedAt, w.Owner, w.DelegatedTo, w.DelegatedAt, w.UrgeCount, w.LastUrgedAt);

    /// <summary>In the caller's 待办: the person whose task it is when it reaches them as that person's proxy (代理人).</summary>
    public string? OnBehalfOf { get; init; }
}

/// <summary>What the caller may do with a task now; <c>returnTargets</c> lists the earlier steps a return may go to.</summary>
public sealed record TaskActionsView(IReadOnlyList<string> Actions, IReadOnlyList<ReturnTargetView> ReturnTargets);

public sealed record ReturnTargetView(string ActivityId, string Name);

/// <summary>转办 and 委派: to whom, and why.</summary>
public sealed record TaskMoveRequest(string? To, string? Comment);

/// <summary>The delegate sends the task back: a comment and the form values filled in so far.</summary>
public sealed record ResolveTaskRequest(string? Comment, JsonObject? Fields);

/// <summary>退回: to which earlier step (an activity id of <c>returnTargets</c>), and why (required).</summary>
public sealed record ReturnTaskRequest(string? To, string? Comment);

/// <summary>抄送: to whom (user names and <c>team:{id}</c>), and an optional word.</summary>
public sealed record CopyTaskRequest(IReadOnlyList<string?>? To, string? Comment);

/// <summary>撤回 and 催办: an optional word.</summary>
public sealed record CommentRequest(string? Comment);

public sealed record CompleteTaskRequest(string? Outcome, string? Comment, JsonObject? Fields);

public sealed record AddNoteRequest(string? Text);

/// <summary>
/// The inbox's tabs: 待办 mine, 已办 done (closed by me), 我发起的 started (open tasks of runs I started), 抄送我的 cc
/// (tasks copied to me), everyone's.
/// </summary>
public enum TaskScope
{
    Mine,
    Done,
    Started,
    Cc,
    All,
}

public enum TaskStatusFilter
{
    Open,
    Done,
}

public static class TaskEndpoints
{
    /// <summary>Any signed-in user lists their own tasks; scope=all is for leaders and admins; only the assignee completes.</summary>
    public static IEndpointRouteBuilder MapTaskEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization();
        group.MapGet("/", List)
            .WithSummary("待办 tasks assigned or delegated to me or my roles (scope=mine), 已办 the tasks I closed, newest first (scope=done), 我发起的 the tasks of runs I started (scope=started), 抄送我的 the tasks copied to me, open or closed, newest first (scope=cc), or everyone's (scope=all: Leader or Admin); status=open|done filters mine, started and all. Any signed-in user.");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("One task. Its assignee, a member of its role, its delegate, someone it was copied to (read only), a Leader or an Admin.");
        group.MapPost("/{id:guid}/complete", Complete)
            .WithSummary("Completes a task with one of its outcomes. Only its assignee or a member of its role; once claimed, only the claimer. Honours an Idempotency-Key header.")
            .WithIdempotency();
        group.MapPost("/{id:guid}/claim", Claim)
            .WithSummary("Claims a task assigned to a role, so only the claimer completes it; the other members still see it, claimed. A member of the task's role; 409 when someone claimed it first.");
        group.MapPost("/{id:guid}/release", Release)
            .WithSummary("Gives a claimed task back to its role. The claimer or an Admin.");
        group.MapGet("/{id:guid}/actions", Actions)
            .WithSummary("The moves the caller may make on the task now (complete, claim, release, transfer, delegate, return, resolve, urge, note, attach) and the earlier steps a return may go to; the task page offers exactly these. Anyone who may see the task.");
        group.MapPost("/{id:guid}/transfer", Transfer)
            .WithSummary("转办: the task becomes another user's ({to}: an account that exists and is not locked; comment optional). Whoever may complete it now, a Leader or an Admin. Honours an Idempotency-Key header.")
            .WithIdempotency();
        group.MapPost("/{id:guid}/delegate", Delegate)
            .WithSummary("委派: the task's owner hands the work to {to}, who sends it back with resolve; the owner then completes it (the delegate may not: 403). The assignee, or the member of its role who claimed it (a member who has not claims it by delegating). Honours an Idempotency-Key header.")
            .WithIdempotency();
        group.MapPost("/{id:guid}/resolve", Resolve)
            .WithSummary("The delegate sends the task back to its owner with a comment and the form values filled in so far (kept as a draft; required fields may be empty). Only the person it is delegated to. Honours an Idempotency-Key header.")
            .WithIdempotency();
        group.MapPost("/{id:guid}/return", Return)
            .WithSummary("退回: sends the task back to an earlier step of its branch ({to}: an activityId of returnTargets; comment required). The task closes as returned, open steps in between are cancelled, and the step opens again for the person who completed it, with their values. Whoever may complete the task. Honours an Idempotency-Key header.")
            .WithIdempotency();
        group.MapPost("/{id:guid}/withdraw", Withdraw)
            .WithSummary("撤回: the person who completed the step that opened this task takes that step back, while nothing it opened was claimed, delegated, transferred or given notes or files (else 409). What it opened closes as withdrawn; the step opens again for them. Honours an Idempotency-Key header.")
            .WithIdempotency();
        group.MapPost("/{id:guid}/urge", Urge)
            .WithSummary("催办: asks the assignee (and the delegate) to hurry, by mail and in the app. Anyone who may see the task and does not work on it; once an hour per task and person, else 429 with Retry-After. Honours an Idempotency-Key header.")
            .WithIdempotency();
        group.MapPost("/{id:guid}/cc", Copy)
            .WithSummary("抄送: copies the task to users and teams ({to}: user names and team:{id}, at most 50; comment optional) to read; each gets a copy in 抄送我的, a mail and the bell. Its assignee, a member of its role, its delegate, who completed it, a Leader or an Admin; the task may be closed. Honours an Idempotency-Key header.")
            .WithIdempotency();
        group.MapGet("/{id:guid}/notes", Notes)
            .WithSummary("The notes left on a task, oldest first. Its assignee, a member of its role, a Leader or an Admin.");
        group.MapPost("/{id:guid}/notes", AddNote)
            .WithSummary("Adds a note (at most 4000 characters) to an open task without completing it. Its assignee, a member of its role, a Leader or an Admin.");
        group.MapGet("/{id:guid}/attachments", Attachments)
            .WithSummary("The files kept with a task. Its assignee, a member of its role, a Leader or an Admin.");
        group.MapPost("/{id:guid}/attachments", Upload)
            // Bearer clients send no antiforgery token; the sign-in cookie is SameSite=Lax, so a cross-site form cannot carry it (ADR 008).
            .DisableAntiforgery()
            .WithSummary("Uploads a file (multipart, field 'file') to an open task: pdf, png, jpg, docx, xlsx, doc, xls or txt, at most Butler:Attachments:MaxBytes (10 MB). Its assignee, a member of its role, a Leader or an Admin.");
        group.MapGet("/{id:guid}/attachments/{attachmentId:guid}", Download)
            .WithSummary("Downloads a file of a task as an attachment. Its assignee, a member of its role, a Leader or an Admin.");
        return app;
    }

    private static async Task<Results<Ok<PagedList<TaskView>>, ValidationProblem, ProblemHttpResult>> List(
        IDbContextFactory<ButlerDbContext> dbFactory, ClaimsPrincipal user, TimeProvider time, string? scope, string? status,
        int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        var errors = Paging.Check(page, pageSize) ?? [];
        TaskScope scopeValue = TaskScope.Mine;
        if (scope is not null && !Enum.TryParse(scope, ignoreCase: true, out scopeValue))
        {
            errors.Refuse("scope", Failure.OneOf("scope", ["mine", "done", "started", "cc", "all"]));
        }
        TaskStatusFilter statusValue = TaskStatusFilter.Open;
        if (status is not null && !Enum.TryParse(status, ignoreCase: true, out statusValue))
        {
            errors.Refuse("status", Failure.OneOf("status", ["open", "done"]));
        }
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        var actor = user.ToActor();
        if (scopeValue == TaskScope.All && !actor.IsInRole(Roles.Admin) && !actor.IsInRole(Roles.Leader))
        {
            return ApiResults.Problem(StatusCodes.Status403Forbidden, "Forbidden", Failure.TaskScopeAll());
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var wanted = statusValue == TaskStatusFilter.Open ? WorkItemStatus.Open : WorkItemStatus.Done;
        var tasks = db.WorkItems.AsNoTracking();
        var query = scopeValue switch
        {
            // 已办 is what I closed, whatever the status filter says.
            TaskScope.Done => tasks.ClosedBy(actor),
            TaskScope.Started => tasks.Where(w => w.Status == wanted).OfRunsStartedBy(db, actor),
            // 抄送我的 is every task copied to me, open or closed.
            TaskScope.Cc => tasks.CopiedTo(db, actor),
            TaskScope.Mine => tasks.Where(w => w.Status == wanted).AssignedTo(actor),
            _ => tasks.Where(w => w.Status == wanted),
        };
        // Open tasks oldest first; closed ones newest first.
        var newestFirst = scopeValue == TaskScope.Done || wanted != WorkItemStatus.Open;
        var total = await query.CountAsync(ct);
        var items = await (scopeValue == TaskScope.Cc ? query.OrderByDescending(w => w.CreatedAt)
                : newestFirst ? query.OrderByDescending(w => w.CompletedAt) : query.OrderBy(w => w.CreatedAt))
            .ThenBy(w => w.Id)
            .Skip(Paging.Skip(page, pageSize)).Take(pageSize).ToListAsync(ct);
        var now = time.GetUtcNow();
        return TypedResults.Ok(new PagedList<TaskView>(items.Select(w => TaskView.From(w, now) with { OnBehalfOf = scopeValue == TaskScope.Mine ? w.RepresentedBy(actor) : null }).ToList(), total, page, pageSize));
    }

    private static async Task<Results<Ok<TaskView>, ValidationProblem, ProblemHttpResult>> Get(
        Guid id, TaskDetails details, ClaimsPrincipal user, TimeProvider time, CancellationToken ct)
    {
        var found = await details.FindToReadAsync(id, user.ToActor(), ct);
        return found.IsOk ? TypedResults.Ok(TaskView.From(found.Value!, time.GetUtcNow())) : ApiResults.Failure<Ok<TaskView>, WorkItem>(found);
    }

    private static async Task<Results<Ok<TaskView>, ValidationProblem, ProblemHttpResult>> Complete(
        Guid id, CompleteTaskRequest request, WorkflowRunner runner, IDbContextFactory<ButlerDbContext> dbFactory, ClaimsPrincipal user, TimeProvider time,
        HttpContext http, CancellationToken ct)
    {
        var result = await runner.CompleteTaskAsync(id, user.ToActor(), request.Outcome, request.Comment, request.Fields, http.IdempotencyKeyOf(), ct);
        if (!result.IsOk)
        {
            return ApiResults.Failure<Ok<TaskView>, Guid>(result);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await db.WorkItems.AsNoTracking().FirstAsync(w => w.Id == id, ct);
        return TypedResults.Ok(TaskView.From(task, time.GetUtcNow()));
    }

    private static async Task<Results<Ok<TaskView>, ValidationProblem, ProblemHttpResult>> Claim(
        Guid id, WorkflowRunner runner, IDbContextFactory<ButlerDbContext> dbFactory, ClaimsPrincipal user, TimeProvider time, CancellationToken ct)
    {
        var result = await runner.ClaimTaskAsync(id, user.ToActor(), ct);
        return result.IsOk ? TypedResults.Ok(await ViewAsync(dbFactory, id, time, ct)) : ApiResults.Failure<Ok<TaskView>, Guid>(result);
    }

    private static async Task<Results<Ok<TaskView>, ValidationProblem, ProblemHttpResult>> Release(
        Guid id, WorkflowRunner runner, IDbContextFactory<ButlerDbContext> dbFactory, ClaimsPrincipal user, TimeProvider time, CancellationToken ct)
    {
        var actor = user.ToActor();
        var result = await runner.ReleaseTaskAsync(id, actor, actor.IsInRole(Roles.Admin), ct);
        return result.IsOk ? TypedResults.Ok(await ViewAsync(dbFactory, id, time, ct)) : ApiResults.Failure<Ok<TaskView>, Guid>(result);
    }

    private static async Task<Results<Ok<TaskActionsView>, ValidationProblem, ProblemHttpResult>> Actions(
        Guid id, TaskDetails details, ClaimsPrincipal user, CancellationToken ct)
    {
        var actor = user.ToActor();
        var found = await details.FindToReadAsync(id, actor, ct);
        if (!found.IsOk)
        {
            return ApiResults.Failure<Ok<TaskActionsView>, WorkItem>(found);
        }
        var (actions, targets) = await details.MovesAsync(found.Value!, actor, ct);
        return TypedResults.Ok(new TaskActionsView(actions, targets));
    }

    private static async Task<Results<Ok<TaskView>, ValidationProblem, ProblemHttpResult>> Transfer(
        Guid id, TaskMoveRequest? request, WorkflowRunner runner, IDbContextFactory<ButlerDbContext> dbFactory, ClaimsPrincipal user,
        TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var actor = user.ToActor();
        var result = await runner.TransferTaskAsync(id, actor, request?.To, request?.Comment, TaskDetails.Oversees(actor), http.IdempotencyKeyOf(), ct);
        return await MovedAsync(result, id, dbFactory, time, http, ct);
    }

    private static async Task<Results<Ok<TaskView>, ValidationProblem, ProblemHttpResult>> Delegate(
        Guid id, TaskMoveRequest? request, WorkflowRunner runner, IDbContextFactory<ButlerDbContext> dbFactory, ClaimsPrincipal user,
        TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var result = await runner.DelegateTaskAsync(id, user.ToActor(), request?.To, request?.Comment, http.IdempotencyKeyOf(), ct);
        return await MovedAsync(result, id, dbFactory, time, http, ct);
    }

    private static async Task<Results<Ok<TaskView>, ValidationProblem, ProblemHttpResult>> Resolve(
        Guid id, ResolveTaskRequest? request, WorkflowRunner runner, IDbContextFactory<ButlerDbContext> dbFactory, ClaimsPrincipal user,
        TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var result = await runner.ResolveTaskAsync(id, user.ToActor(), request?.Comment, request?.Fields, http.IdempotencyKeyOf(), ct);
        return await MovedAsync(result, id, dbFactory, time, http, ct);
    }

    private static async Task<Results<Ok<TaskView>, ValidationProblem, ProblemHttpResult>> Return(
        Guid id, ReturnTaskRequest? request, WorkflowRunner runner, IDbContextFactory<ButlerDbContext> dbFactory, ClaimsPrincipal user,
        TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var result = await runner.ReturnTaskAsync(id, user.ToActor(), request?.To, request?.Comment, http.IdempotencyKeyOf(), ct);
        return await MovedAsync(result, id, dbFactory, time, http, ct);
    }

    private static async Task<Results<Ok<TaskView>, ValidationProblem, ProblemHttpResult>> Withdraw(
        Guid id, CommentRequest? request, WorkflowRunner runner, IDbContextFactory<ButlerDbContext> dbFactory, ClaimsPrincipal user,
        TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var result = await runner.WithdrawTaskAsync(id, user.ToActor(), request?.Comment, http.IdempotencyKeyOf(), ct);
        return await MovedAsync(result, id, dbFactory, time, http, ct);
    }

    private static async Task<Results<Ok<TaskView>, ValidationProblem, ProblemHttpResult>> Urge(
        Guid id, CommentRequest? request, TaskDetails details, WorkflowRunner runner, IDbContextFactory<ButlerDbContext> dbFactory,
        ClaimsPrincipal user, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var actor = user.ToActor();
        // Who may see a task is the host's rule (leaders and admins oversee all); the engine refuses the rest.
        var found = await details.FindToReadAsync(id, actor, ct);
        if (!found.IsOk)
        {
            return ApiResults.Failure<Ok<TaskView>, WorkItem>(found);
        }
        var result = await runner.UrgeTaskAsync(id, actor, request?.Comment, http.IdempotencyKeyOf(), ct);
        return await MovedAsync(result, id, dbFactory, time, http, ct);
    }

    private static async Task<Results<Ok<TaskView>, ValidationProblem, ProblemHttpResult>> Copy(
        Guid id, CopyTaskRequest? request, WorkflowRunner runner, IDbContextFactory<ButlerDbContext> dbFactory, ClaimsPrincipal user,
        TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var actor = user.ToActor();
        var result = await runner.CopyTaskAsync(id, actor, request?.To, request?.Comment, TaskDetails.Oversees(actor), http.IdempotencyKeyOf(), ct);
        return await MovedAsync(result, id, dbFactory, time, http, ct);
    }

    /// <summary>The task as the move left it, or the move's refusal (with Retry-After for a 429).</summary>
    private static async Task<Results<Ok<TaskView>, ValidationProblem, ProblemHttpResult>> MovedAsync(OperationResult<Guid> result, Guid id,
        IDbContextFactory<ButlerDbContext> dbFactory, TimeProvider time, HttpContext http, CancellationToken ct) =>
        result.IsOk ? TypedResults.Ok(await ViewAsync(dbFactory, id, time, ct)) : ApiResults.Failure<Ok<TaskView>, Guid>(result, http);

    private static async Task<Results<Ok<IReadOnlyList<TaskNoteView>>, ValidationProblem, ProblemHttpResult>> Notes(
        Guid id, TaskDetails details, TaskNotes notes, ClaimsPrincipal user, CancellationToken ct)
    {
        var found = await details.FindToReadAsync(id, user.ToActor(), ct);
        if (!found.IsOk)
        {
            return ApiResults.Failure<Ok<IReadOnlyList<TaskNoteView>>, WorkItem>(found);
        }
        return TypedResults.Ok<IReadOnlyList<TaskNoteView>>([.. (await notes.ForTaskAsync(id, ct)).Select(TaskNoteView.From)]);
    }

    private static async Task<Results<Created<TaskNoteView>, ValidationProblem, ProblemHttpResult>> AddNote(
        Guid id, AddNoteRequest? request, TaskNotes notes, ClaimsPrincipal user, CancellationToken ct)
    {
        var actor = user.ToActor();
        var added = await notes.AddAsync(id, actor, TaskDetails.Oversees(actor), request?.Text, ct);
        return added.IsOk
            ? TypedResults.Created($"/api/tasks/{id:D}/notes", TaskNoteView.From(added.Value!))
            : ApiResults.Failure<Created<TaskNoteView>, TaskNote>(added);
    }

    private static async Task<Results<Ok<IReadOnlyList<TaskAttachmentView>>, ValidationProblem, ProblemHttpResult>> Attachments(
        Guid id, TaskDetails details, TaskAttachments attachments, ClaimsPrincipal user, CancellationToken ct)
    {
        var found = await details.FindToReadAsync(id, user.ToActor(), ct);
        return found.IsOk
            ? TypedResults.Ok(await attachments.ForTaskAsync(id, ct))
            : ApiResults.Failure<Ok<IReadOnlyList<TaskAttachmentView>>, WorkItem>(found);
    }

    private static async Task<Results<Created<TaskAttachmentView>, ValidationProblem, ProblemHttpResult>> Upload(
        Guid id, HttpRequest request, TaskDetails details, TaskAttachments attachments, ClaimsPrincipal user, CancellationToken ct)
    {
        var actor = user.ToActor();
        var found = await details.FindAsync(id, actor, ct);
        if (!found.IsOk)
        {
            return ApiResults.Failure<Created<TaskAttachmentView>, WorkItem>(found);
        }
        if (!request.HasFormContentType)
        {
            return ApiResults.Invalid(TaskAttachments.Field, Failure.FileForm(TaskAttachments.Field));
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            // A body cut off on the way (IOException from the multipart reader, BadHttpRequestException from the server) is the client's to send again.
            return ApiResults.Invalid(TaskAttachments.Field, Failure.UploadBroken());
        }
        var files = form.Files.GetFiles(TaskAttachments.Field);
        if (files.Count != 1)
        {
            return ApiResults.Invalid(TaskAttachments.Field, files.Count == 0 ? Failure.FileMissing(TaskAttachments.Field) : Failure.OneFileOnly());
        }
        var file = files[0];
        if (attachments.Refuses(file.FileName, file.ContentType, file.Length) is { } reason)
        {
            return ApiResults.Invalid(TaskAttachments.Field, reason);
        }
        await using var content = file.OpenReadStream();
        var added = await attachments.AddAsync(found.Value!, actor, file.FileName, file.ContentType, file.Length, content, ct);
        return added.IsOk
            ? TypedResults.Created($"/api/tasks/{id:D}/attachments/{added.Value!.Id:D}", added.Value)
            : ApiResults.Failure<Created<TaskAttachmentView>, TaskAttachmentView>(added);
    }

    private static async Task<Results<FileStreamHttpResult, ValidationProblem, ProblemHttpResult>> Download(
        Guid id, Guid attachmentId, HttpContext http, TaskDetails details, TaskAttachments attachments, ClaimsPrincipal user, CancellationToken ct)
    {
        var found = await details.FindToReadAsync(id, user.ToActor(), ct);
        if (!found.IsOk)
        {
            return ApiResults.Failure<FileStreamHttpResult, WorkItem>(found);
        }
        if (await attachments.FindAsync(id, attachmentId, ct) is not { } stored)
        {
            return ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", Failure.AttachmentNotFound(id, attachmentId));
        }
        // Served as a download with its stored type, never sniffed into something the browser would run.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        var stream = new FileStream(stored.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        return TypedResults.File(stream, stored.Attachment.ContentType, stored.Attachment.FileName, stored.Attachment.UploadedAt);
    }

    private static async Task<TaskView> ViewAsync(IDbContextFactory<ButlerDbContext> dbFactory, Guid id, TimeProvider time, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return TaskView.From(await db.WorkItems.AsNoTracking().FirstAsync(w => w.Id == id, ct), time.GetUtcNow());
    }
}
