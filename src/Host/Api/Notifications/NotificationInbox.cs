using Butler.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Butler.Host.Api.Notifications;

/// <summary>
/// A person's in-app notifications, read and marked only by their owner. <c>/api/notifications</c> and the bell in the
/// app bar both go through here.
/// </summary>
public sealed class NotificationInbox(IDbContextFactory<ButlerDbContext> dbFactory, TimeProvider time)
{
    /// <summary>A page of the user's notifications, newest first, with their unread count.</summary>
    public async Task<NotificationList> ListAsync(string userName, bool unreadOnly, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserName == userName);
        var unreadCount = await mine.CountAsync(n => n.ReadAt == null, ct);
        var query = unreadOnly ? mine.Where(n => n.ReadAt == null) : mine;
        var total = unreadOnly ? unreadCount : await query.CountAsync(ct);
        var items = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip(Paging.Skip(page, pageSize)).Take(pageSize).ToListAsync(ct);
        return new NotificationList([.. items.Select(NotificationView.From)], total, page, pageSize, unreadCount);
    }

    /// <summary>How many of the user's notifications are unread: the number on the bell.</summary>
    public async Task<int> UnreadCountAsync(string userName, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Notifications.CountAsync(n => n.UserName == userName && n.ReadAt == null, ct);
    }

    /// <summary>Marks one of the user's notifications read (once); null when the user has no such notification.</summary>
    public async Task<NotificationView?> MarkReadAsync(string userName, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == id && n.UserName == userName, ct);
        if (notification is null)
        {
            return null;
        }
        notification.MarkRead(time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return NotificationView.From(notification);
    }

    /// <summary>Marks every unread notification of the user read, in one statement; returns how many it marked.</summary>
    public async Task<int> MarkAllReadAsync(string userName, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        DateTimeOffset? now = time.GetUtcNow();
        return await db.Notifications.Where(n => n.UserName == userName && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }
}
