using Butler.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Butler.Workflows.Runtime;

/// <summary>Adds and reads the notes of tasks; the task page, its API and the approvals page read them here.</summary>
public sealed class TaskNotes(IDbContextFactory<ButlerDbContext> dbFactory, TimeProvider time)
{
    public const int MaxLength = 4000;

    /// <summary>
    /// Adds a note to an open task. The task's assignee and the members of its role may; so may an
    /// <paramref name="overseer"/> (a leader or an administrator, as the host decides).
    /// </summary>
    public async Task<OperationResult<TaskNote>> AddAsync(Guid taskId, Actor actor, bool overseer, string? text, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var task = await db.WorkItems.AsNoTracking().FirstOrDefaultAsync(w => w.Id == taskId, ct);
        if (task is null)
        {
            return OperationResult<TaskNote>.NotFound(Failure.TaskNotFound(taskId));
        }
        if (!overseer && !task.IsAssignedTo(actor) && !task.IsDelegate(actor))
        {
            return OperationResult<TaskNote>.Forbidden(Failure.TaskNotAssigned());
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            return OperationResult<TaskNote>.Invalid("text", Failure.Required("text"));
        }
        if (Input.InputRules.TextProblem(text.Trim(), "text", MaxLength) is { } problem)
        {
            return OperationResult<TaskNote>.Invalid("text", problem.Failure);
        }
        if (task.Status != WorkItemStatus.Open)
        {
            return OperationResult<TaskNote>.Conflict(Failure.NoteTaskNotOpen(task.Status));
        }
        var now = time.GetUtcNow();
        var note = new TaskNote { Id = Guid.CreateVersion7(now), WorkItemId = taskId, Author = actor.UserName, Text = text.Trim(), At = now };
        // The task was open when read; it must still be when the note lands, not completed in between.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await OpenTaskHold.TryHoldAsync(db, taskId, ct))
        {
            return OperationResult<TaskNote>.Conflict(Failure.NoteTaskClosed());
        }
        db.TaskNotes.Add(note);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return OperationResult<TaskNote>.Ok(note);
    }

    /// <summary>The notes of a task, oldest first.</summary>
    public async Task<IReadOnlyList<TaskNote>> ForTaskAsync(Guid taskId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var notes = await db.TaskNotes.AsNoTracking().Where(n => n.WorkItemId == taskId).ToListAsync(ct);
        return [.. notes.OrderBy(n => n.At).ThenBy(n => n.Id)];
    }
}
