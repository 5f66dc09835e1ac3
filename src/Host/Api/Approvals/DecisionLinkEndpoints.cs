using System.Net;
using System.Text;
using Butler.Host.Identity;
using Butler.Workflows.Calendar;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Butler.Host.Api.Approvals;

/// <summary>The pages behind one-click links in escalation e-mails.</summary>
public static class DecisionLinkEndpoints
{
    /// <summary>
    /// GET shows what the link will do and asks for one confirming click; POST does it. Anyone holding the link may
    /// open it: the signed, expiring, single-use token bound to one approver is the credential. GET changes nothing,
    /// because mail scanners open links on their own.
    /// </summary>
    public static IEndpointRouteBuilder MapDecisionLinkEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/approvals/decide", Show).AllowAnonymous().ExcludeFromDescription();
        // The form carries only the signed single-use token, which a forged request cannot have: no antiforgery token needed.
        app.MapPost("/approvals/decide", Apply).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private sealed record Checked(DecisionLink? Link, Approval? Approval, WorkItem? Task, IResult? Refusal);

    private static async Task<Checked> CheckAsync(HttpContext http, string? token, DecisionLinkService links,
        IDbContextFactory<ButlerDbContext> dbFactory, CancellationToken ct)
    {
        var link = links.Read(token);
        if (link is null)
        {
            return new(null, null, null, Page(HttpStatusCode.BadRequest, "链接无效", "This link is not valid",
                "链接不完整或已被篡改，未做任何更改。", "The link is incomplete or was altered. Nothing was changed."));
        }
        if (links.IsExpired(link))
        {
            return new(link, null, null, Page(HttpStatusCode.Gone, "链接已过期", "This link has expired",
                "请登录 Butler 处理此审批。未做任何更改。", "Please sign in to Butler to decide. Nothing was changed."));
        }
        if (http.User.Identity?.IsAuthenticated == true && !string.Equals(http.User.Identity.Name, link.Approver, StringComparison.OrdinalIgnoreCase))
        {
            return new(link, null, null, Page(HttpStatusCode.Forbidden, "此链接属于他人", "This link belongs to someone else",
                "该决策链接只属于收件审批人。未做任何更改。", "This decision link belongs to the approver it was sent to. Nothing was changed."));
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var approval = await db.Approvals.AsNoTracking().FirstOrDefaultAsync(a => a.Id == link.ApprovalId, ct);
        if (approval is null)
        {
            return new(link, null, null, Page(HttpStatusCode.NotFound, "审批不存在", "No such approval", "未做任何更改。", "Nothing was changed."));
        }
        var key = IdempotencyKey(link);
        if (await db.ProcessedStimuli.AnyAsync(p => p.Key == key, ct))
        {
            return new(link, approval, null, Page(HttpStatusCode.Conflict, "链接已使用", "This link was already used",
                "每个决策链接只能使用一次。未做任何更改。", "Each decision link works once. Nothing was changed."));
        }
        var task = approval.EscalatedTaskId is { } taskId ? await db.WorkItems.AsNoTracking().FirstOrDefaultAsync(w => w.Id == taskId, ct) : null;
        if (approval.Status != ApprovalStatus.Pending)
        {
            return new(link, approval, task, Page(HttpStatusCode.Conflict, "已经决策", "Already decided",
                $"此审批已处理（{approval.Outcome ?? approval.Status.ToString()}）。未做任何更改。",
                $"This approval was already handled ({approval.Outcome ?? approval.Status.ToString()}). Nothing was changed."));
        }
        return new(link, approval, task, null);
    }

    private static async Task<IResult> Show(HttpContext http, string? token, DecisionLinkService links,
        IDbContextFactory<ButlerDbContext> dbFactory, IOptions<CalendarOptions> calendarOptions, CancellationToken ct)
    {
        var check = await CheckAsync(http, token, links, dbFactory, ct);
        if (check.Refusal is not null)
        {
            return check.Refusal;
        }
        var (approval, task, link) = (check.Approval!, check.Task, check.Link!);
        var details = $"{approval.Title}" + (task?.DueAt is { } due ? $" · {Components.Formats.Time(due, calendarOptions.Value.ResolveTimeZone())}" : "");
        // A link for an outcome the approval does not offer (an older mail) only opens it: no button that would be refused.
        return (Offers(approval, link.Action) ? link.Action : LinkAction.View) switch
        {
            LinkAction.Approve => Page(HttpStatusCode.OK, "确认同意", "Confirm approval", details, details, token, "同意", "Approve"),
            LinkAction.Extend => Page(HttpStatusCode.OK, "确认延期 3 个工作日", "Confirm an extension by 3 working days", details, details, token,
                "延期 3 个工作日", "Extend by 3 working days"),
            _ => Page(HttpStatusCode.OK, "待您决策", "Waiting for your decision", details + "。请登录 Butler 决策。", details + ". Sign in to Butler to decide.",
                open: ("/approvals", "打开审批", "Open the approvals")),
        };
    }

    /// <summary>True when the link decides an outcome the approval offers.</summary>
    private static bool Offers(Approval approval, LinkAction action) =>
        DecisionLinkService.OutcomeOf(action) is { } outcome && approval.Outcomes.Contains(outcome, StringComparer.Ordinal);

    private static async Task<IResult> Apply(HttpContext http, DecisionLinkService links, IDbContextFactory<ButlerDbContext> dbFactory,
        WorkflowRunner runner, CalendarService calendars, UserManager<ButlerUser> users, TimeProvider time, IOptions<CalendarOptions> calendarOptions,
        Proxies.Proxies proxies, CancellationToken ct)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
        var token = form?["token"].ToString();
        var check = await CheckAsync(http, token, links, dbFactory, ct);
        if (check.Refusal is not null)
        {
            return check.Refusal;
        }
        var (link, approval, task) = (check.Link!, check.Approval!, check.Task);
        if (!Offers(approval, link.Action))
        {
            return Page(HttpStatusCode.BadRequest, "此链接不能决策", "This link cannot decide", "请登录 Butler 决策。未做任何更改。",
                "Sign in to Butler to decide. Nothing was changed.", open: ("/approvals", "打开审批", "Open the approvals"));
        }
        var user = await users.FindByNameAsync(link.Approver);
        if (user is null)
        {
            return Page(HttpStatusCode.Forbidden, "审批人不存在", "The approver no longer exists", "未做任何更改。", "Nothing was changed.");
        }
        // A proxy's link decides in the seat of the person they stand in for, as the approvals page would.
        var actor = new Actor(user.UserName!, [.. await users.GetRolesAsync(user)]) { Represents = await proxies.RepresentedAsync(user.UserName!, ct) };
        DateTimeOffset? newDue = null;
        var outcome = Approval.Approve;
        if (link.Action == LinkAction.Extend)
        {
            outcome = Approval.Extend;
            var calendar = await calendars.GetAsync("cn", ct);
            var now = time.GetUtcNow();
            var from = task?.DueAt is { } due && due > now ? due : now;
            newDue = calendar is null ? from.AddDays(3) : calendar.Add(from, BusinessDuration.FromWorkingDays(3)).Due;
        }
        var result = await runner.DecideAsync(approval.Id, actor, outcome, link.Action == LinkAction.Extend ? "延期 3 个工作日（邮件链接）/ Extended by 3 working days (e-mail link)" : "同意（邮件链接）/ Approved (e-mail link)",
            newDue, null, IdempotencyKey(link), ct);
        if (result.WasDuplicate)
        {
            return Page(HttpStatusCode.Conflict, "链接已使用", "This link was already used", "每个决策链接只能使用一次。未做任何更改。", "Each decision link works once. Nothing was changed.");
        }
        return result.Status switch
        {
            OperationStatus.Ok => Page(HttpStatusCode.OK, "已完成", "Done",
                newDue is { } d ? $"已延期至 {Components.Formats.Time(d, calendarOptions.Value.ResolveTimeZone())}。" : "已同意。",
                newDue is { } e ? $"Extended to {Components.Formats.Time(e, calendarOptions.Value.ResolveTimeZone())}." : "Approved."),
            OperationStatus.Forbidden => Page(HttpStatusCode.Forbidden, "您不是审批人", "You are not an approver", "未做任何更改。", "Nothing was changed."),
            OperationStatus.Conflict => Page(HttpStatusCode.Conflict, "已经决策", "Already decided", "未做任何更改。", "Nothing was changed."),
            _ => Page(HttpStatusCode.BadRequest, "无法决策", "The decision was refused",
                string.Join("；", result.Errors?.SelectMany(e => e.Value) ?? []), string.Join("; ", result.Errors?.SelectMany(e => e.Value) ?? [])),
        };
    }

    private static string IdempotencyKey(DecisionLink link) => $"link:{link.Nonce}";

    private static IResult Page(HttpStatusCode status, string titleZh, string titleEn, string messageZh, string messageEn,
        string? token = null, string? buttonZh = null, string? buttonEn = null, (string Href, string Zh, string En)? open = null)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<title>").Append(E(titleZh)).Append(" / ").Append(E(titleEn)).Append("</title></head>");
        html.Append("<body style=\"font-family:sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a\">");
        html.Append("<h1 style=\"font-size:1.4rem\">").Append(E(titleZh)).Append("<br><span lang=\"en\" style=\"font-size:1rem;color:#444\">").Append(E(titleEn)).Append("</span></h1>");
        html.Append("<p>").Append(E(messageZh)).Append("</p><p lang=\"en\" style=\"color:#444\">").Append(E(messageEn)).Append("</p>");
        if (token is not null)
        {
            html.Append("<form method=\"post\" action=\"/approvals/decide\"><input type=\"hidden\" name=\"token\" value=\"").Append(E(token)).Append("\">");
            html.Append("<button type=\"submit\" style=\"font-size:1.1rem;padding:.6rem 1.2rem;background:#0b57d0;color:#fff;border:0;border-radius:4px\">")
                .Append(E(buttonZh!)).Append(" / ").Append(E(buttonEn!)).Append("</button></form>");
        }
        if (open is { } to)
        {
            html.Append("<p><a href=\"").Append(E(to.Href)).Append("\">").Append(E(to.Zh)).Append(" / ").Append(E(to.En)).Append("</a></p>");
        }
        html.Append("</body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, (int)status);
    }
}
