using Butler.Workflows.Runtime;
using System.Security.Claims;
using System.Text.Json;
using Butler.Workflows.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;

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

/// <summary>How many notifications a "mark all read" marked.</summary>
public sealed record MarkedRead(int Marked);

public static class NotificationEndpoints
{
    /// <summary>Every signed-in user reads and marks only their own notifications.</summary>
    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization();
        group.MapGet("/", List)
            .WithSummary("My notifications (reminders, escalations, approvals), newest first; unread=true for the unread ones only. Any signed-in user, own only.");
        group.MapPost("/read-all", MarkAllRead)
            .WithSummary("Marks every unread notification of mine read; returns how many it marked. Any signed-in user, own only.");
        group.MapPost("/{id:guid}/read", MarkRead)
            .WithSummary("Marks one of my notifications read; marking it again changes nothing. Any signed-in user, own only: another's is 404.");
        return app;
    }

    private static async Task<Results<Ok<NotificationList>, ValidationProblem>> List(
        NotificationInbox inbox, ClaimsPrincipal user, bool? unread, int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        if (Paging.Check(page, pageSize) is { } errors)
        {
            return ApiResults.Invalid(errors);
        }
        return TypedResults.Ok(await inbox.ListAsync(user.ToActor().UserName, unread == true, page, pageSize, ct));
    }

    private static async Task<Results<Ok<NotificationView>, ProblemHttpResult>> MarkRead(
        Guid id, NotificationInbox inbox, ClaimsPrincipal user, CancellationToken ct)
    {
        // Someone else's notification is "not found", not "forbidden": its existence is none of the caller's business.
        return await inbox.MarkReadAsync(user.ToActor().UserName, id, ct) is { } view
            ? TypedResults.Ok(view)
            : ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", Failure.NotificationNotFound(id));
    }

    private static async Task<Ok<MarkedRead>> MarkAllRead(NotificationInbox inbox, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(new MarkedRead(await inbox.MarkAllReadAsync(user.ToActor().UserName, ct)));
}
