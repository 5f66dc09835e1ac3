using System.Security.Claims;
using System.Text.Json;
using Butler.Workflows.Notifications;
using Butler.Workflows.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Butler.Host.Api.Notifications;

/// <summary>One in-app notification; <c>kind</c> is reminder, escalation, approvalRequested or approvalDecided.</summary>
public sealed record NotificationView(Guid Id, string Kind, string Title, string Body, string? Link,
    Guid? InstanceId, Guid? TaskId, Guid? ApprovalId, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public static NotificationView From(Notification n) => new(n.Id, JsonNamingPolicy.CamelCase.ConvertName(n.Kind), n.Title, n.Body,
        n.Link, n.InstanceId, n.TaskId, n.ApprovalId, n.CreatedAt, n.ReadAt);
}

/// <summary>A page of notifications, <c>{items, total, page, pageSize}</c> like every list, plus the caller's unread count.</summary>
public sealed record NotificationList(IReadOnlyList<NotificationView> Items, int Total, int Page, int PageSize, int UnreadCount);

public static class NotificationEndpoints
{
    /// <summary>Every signed-in user reads and marks only their own notifications.</summary>
    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization();
        group.MapGet("/", List)
            .WithSummary("My notifications (reminders, escalations, approvals), newest first; unread=true for the unread ones only. Any signed-in user, own only.");
        group.MapPost("/{id:guid}/read", MarkRead)
            .WithSummary("Marks one of my notifications read; marking it again changes nothing. Any signed-in user, own only: another's is 404.");
        return app;
    }

    private static async Task<Results<Ok<NotificationList>, ValidationProblem>> List(
        IDbContextFactory<ButlerDbContext> dbFactory, ClaimsPrincipal user, bool? unread,
        int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        if (Paging.Check(page, pageSize) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var name = user.ToActor().UserName;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserName == name);
        var unreadCount = await mine.CountAsync(n => n.ReadAt == null, ct);
        var query = unread == true ? mine.Where(n => n.ReadAt == null) : mine;
        var total = unread == true ? unreadCount : await query.CountAsync(ct);
        var items = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return TypedResults.Ok(new NotificationList(items.Select(NotificationView.From).ToList(), total, page, pageSize, unreadCount));
    }

    private static async Task<Results<Ok<NotificationView>, ProblemHttpResult>> MarkRead(
        Guid id, IDbContextFactory<ButlerDbContext> dbFactory, ClaimsPrincipal user, TimeProvider time, CancellationToken ct)
    {
        var name = user.ToActor().UserName;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Someone else's notification is "not found", not "forbidden": its existence is none of the caller's business.
        var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == id && n.UserName == name, ct);
        if (notification is null)
        {
            return ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", $"You have no notification {id}.");
        }
        notification.MarkRead(time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(NotificationView.From(notification));
    }
}
