using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Butler.Host.Api.Copies;

/// <summary>
/// A copy (抄送) as its reader sees it: what was copied (<c>taskId</c> or <c>approvalId</c>), by whom and why, and
/// whether they have read it (<c>status</c> unread | read).
/// </summary>
public sealed record CopyView(Guid Id, Guid InstanceId, Guid? TaskId, Guid? ApprovalId, string ActivityId, string Title, string CopiedBy,
    string? Comment, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt, string Status)
{
    public const string Unread = "unread";
    public const string Read = "read";

    public static CopyView From(CarbonCopy c) => new(c.Id, c.InstanceId, c.WorkItemId, c.ApprovalId, c.ActivityId, c.Title.Current,
        c.CopiedBy, c.Comment, c.CreatedAt, c.ReadAt, c.IsRead ? Read : Unread);
}

/// <summary>The copies people were sent: listed, read, and the right they give to read the task or approval copied.</summary>
public sealed class Copies(IDbContextFactory<ButlerDbContext> dbFactory, TimeProvider time)
{
    /// <summary>The person's copies, newest first; <paramref name="status"/> unread, read, or null for both.</summary>
    public async Task<PagedList<CopyView>> ListAsync(Actor actor, string? status, int page, int pageSize, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Of(db, actor);
        query = status switch
        {
            CopyView.Unread => query.Where(c => c.ReadAt == null),
            CopyView.Read => query.Where(c => c.ReadAt != null),
            _ => query,
        };
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Skip(Paging.Skip(page, pageSize)).Take(pageSize).ToListAsync(ct);
        return new PagedList<CopyView>([.. items.Select(CopyView.From)], total, page, pageSize);
    }

    /// <summary>How many copies the person has not opened yet (the inbox tab's badge).</summary>
    public async Task<int> UnreadCountAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Of(db, actor).CountAsync(c => c.ReadAt == null, ct);
    }

    /// <summary>One copy: 404 when there is none, 403 when it was sent to someone else.</summary>
    public async Task<OperationResult<CarbonCopy>> FindAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var copy = await db.CarbonCopies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        return copy is null ? OperationResult<CarbonCopy>.NotFound(Failure.CopyNotFound(id))
            : !string.Equals(copy.Recipient, actor.UserName, StringComparison.OrdinalIgnoreCase) ? OperationResult<CarbonCopy>.Forbidden(Failure.CopyNotYours())
            : OperationResult<CarbonCopy>.Ok(copy);
    }

    /// <summary>Marks the copy read (the first reading's time stays); only its recipient may.</summary>
    public async Task<OperationResult<CarbonCopy>> MarkReadAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        var found = await FindAsync(id, actor, ct);
        if (!found.IsOk || found.Value!.IsRead)
        {
            return found;
        }
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Two tabs opening the copy at once: the first reading's time is kept.
        await db.CarbonCopies.Where(c => c.Id == id && c.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(c => c.ReadAt, now), ct);
        var copy = await db.CarbonCopies.AsNoTracking().FirstAsync(c => c.Id == id, ct);
        return OperationResult<CarbonCopy>.Ok(copy);
    }

    /// <summary>Marks every unread copy of a task the reader opened as read (they have now read it).</summary>
    public async Task MarkTaskReadAsync(Guid taskId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        var name = actor.UserName;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.CarbonCopies.Where(c => c.WorkItemId == taskId && c.Recipient == name && c.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ReadAt, now), ct);
    }

    /// <summary>True when the task was copied to the person: the copy lets them read it.</summary>
    public static Task<bool> HasTaskCopyAsync(ButlerDbContext db, Guid taskId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var name = actor.UserName;
        return db.CarbonCopies.AnyAsync(c => c.WorkItemId == taskId && c.Recipient == name, ct);
    }

    /// <summary>True when the approval was copied to the person.</summary>
    public static Task<bool> HasApprovalCopyAsync(ButlerDbContext db, Guid approvalId, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var name = actor.UserName;
        return db.CarbonCopies.AnyAsync(c => c.ApprovalId == approvalId && c.Recipient == name, ct);
    }

    private static IQueryable<CarbonCopy> Of(ButlerDbContext db, Actor actor)
    {
        var name = actor.UserName;
        return db.CarbonCopies.AsNoTracking().Where(c => c.Recipient == name);
    }
}
