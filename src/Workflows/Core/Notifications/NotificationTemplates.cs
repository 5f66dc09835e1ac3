using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Butler.Workflows.Activities;

namespace Butler.Workflows.Notifications;

/// <summary>One message rendered for one recipient: the e-mail (subject, HTML, plain text) and the in-app entry (plain text).</summary>
public sealed record RenderedMessage(string Subject, string Html, string Text, string InAppTitle, string InAppBody);

/// <summary>Renders the e-mail and in-app text of a notification in the recipient's language (zh-CN or English).</summary>
/// <remarks>
/// Every value of the model is user-supplied (titles, reasons, comments, names, even link URLs) and is HTML-encoded
/// wherever it lands in the HTML; the plain-text parts and in-app strings are left raw for the client to encode.
/// </remarks>
public sealed class NotificationTemplates
{
    /// <summary>The district's time zone when none is given.</summary>
    public const string DefaultTimeZoneId = "Asia/Shanghai";

    // Keeps CJK text readable in the HTML source while still encoding every markup-significant character.

    public NotificationTemplates(TimeZoneInfo? timeZone = null)
    {
        TimeZone = timeZone ?? FindDefaultTimeZone();
    }

    /// <summary>Due times are shown in this zone.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>English for an English language ("en", "en-GB"), zh-CN for any other, an empty one or none (<see cref="Languages"/>).</summary>
    public RenderedMessage Render(NotificationModel model, string? language)
    {
        ArgumentNullException.ThrowIfNull(model);
        var text = TemplateText.For(language);
        var title = MailLayout.SingleLine(model.Title.For(language));
        var (heading, paragraphs) = model.Kind switch
        {
            NotificationKind.Reminder => (text.ReminderHeading, Reminder(model, text, language)),
            NotificationKind.Escalation => (text.EscalationHeading(model.OverdueWorkingDays ?? 0), Escalation(model, text, language)),
            NotificationKind.ApprovalRequested => (text.ApprovalRequestedHeading, ApprovalRequested(model, text, language)),
            NotificationKind.ApprovalDecided => (text.ApprovalDecidedHeading, ApprovalDecided(model, text, language)),
            NotificationKind.TaskTransferred => (text.TransferredHeading, Move(text.TransferredBody, model, text, language)),
            NotificationKind.TaskDelegated => (text.DelegatedHeading, Move(text.DelegatedBody, model, text, language)),
            NotificationKind.TaskResolved => (text.ResolvedHeading, Move(text.ResolvedBody, model, text, language)),
            NotificationKind.TaskUrged => (text.UrgedHeading, Move(text.UrgedBody, model, text, language)),
            NotificationKind.TaskReturned => (text.ReturnedHeading, Move(text.ReturnedBody, model, text, language)),
            NotificationKind.Copied => (text.CopiedHeading, Move(text.CopiedBody, model, text, language)),
            NotificationKind.RunWithdrawn => (text.WithdrawnHeading, Move(text.WithdrawnBody, model, text, language)),
            _ => throw new ArgumentOutOfRangeException(nameof(model), model.Kind, "Unknown notification kind."),
        };
        var subject = model.Kind == NotificationKind.ApprovalDecided && !string.IsNullOrWhiteSpace(model.Outcome)
            ? text.Subject(heading, title) + " — " + MailLayout.SingleLine(OutcomeWords.For(model.Outcome, language))
            : text.Subject(heading, title);
        var links = UsableLinks(model.Links);

        var inAppBody = string.Join("\n", paragraphs.Select(p => p.Plain()));
        return new RenderedMessage(
            subject,
            Html(text, subject, heading, paragraphs, links),
            PlainText(text, heading, paragraphs, links),
            text.Subject(heading, title),
            inAppBody);
    }

    private List<Paragraph> Reminder(NotificationModel model, TemplateText text, string? language)
    {
        var result = new List<Paragraph> { text.ReminderBody(model.Title.For(language)) };
        if (model.DueAt is { } due)
        {
            result.Add(new Paragraph([Literal(text.DueLabel), Value(MailLayout.Time(due, TimeZone))]));
        }
        return result;
    }

    private static List<Paragraph> Escalation(NotificationModel model, TemplateText text, string? language) =>
        [text.EscalationBody(model.Title.For(language), model.OverdueWorkingDays ?? 0)];

    private static List<Paragraph> ApprovalRequested(NotificationModel model, TemplateText text, string? language)
    {
        var result = new List<Paragraph> { text.ApprovalRequestedBody(model.Title.For(language)) };
        if (model.Reason?.For(language) is { } reason && !string.IsNullOrWhiteSpace(reason))
        {
            result.Add(new Paragraph([Literal(text.ReasonLabel), Value(reason)]));
        }
        return result;
    }

    private static List<Paragraph> ApprovalDecided(NotificationModel model, TemplateText text, string? language)
    {
        var result = new List<Paragraph> { text.ApprovalDecidedBody(model.Title.For(language)) };
        if (!string.IsNullOrWhiteSpace(model.Outcome))
        {
            result.Add(new Paragraph([Literal(text.OutcomeLabel), Value(OutcomeWords.For(model.Outcome, language))]));
        }
        if (!string.IsNullOrWhiteSpace(model.Actor))
        {
            result.Add(new Paragraph([Literal(text.ActorLabel), Value(model.Actor)]));
        }
        if (!string.IsNullOrWhiteSpace(model.Comment))
        {
            result.Add(new Paragraph([Literal(text.CommentLabel), Value(model.Comment)]));
        }
        return result;
    }

    /// <summary>A move on a task (transfer, delegate, resolve, urge): who did it to which task, their comment, the due time.</summary>
    private List<Paragraph> Move(Func<string, string, Paragraph> body, NotificationModel model, TemplateText text, string? language)
    {
        var result = new List<Paragraph> { body(model.Actor ?? "", model.Title.For(language)) };
        if (!string.IsNullOrWhiteSpace(model.Comment))
        {
            result.Add(new Paragraph([Literal(text.CommentLabel), Value(model.Comment)]));
        }
        if (model.DueAt is { } due)
        {
            result.Add(new Paragraph([Literal(text.DueLabel), Value(MailLayout.Time(due, TimeZone))]));
        }
        return result;
    }

    private static string Html(TemplateText text, string subject, string heading, List<Paragraph> paragraphs, List<MessageLink> links)
    {
        var html = MailLayout.OpenHtml(text.HtmlLanguage, subject, 560)
            .Append("<h1 style=\"font-size:18px;margin:0 0 16px 0;\">").Append(MailLayout.Encoder.Encode(heading)).Append("</h1>\n");
        foreach (var paragraph in paragraphs)
        {
            html.Append("<p style=\"font-size:14px;line-height:1.6;margin:0 0 12px 0;white-space:pre-line;\">").Append(paragraph.Html()).Append("</p>\n");
        }
        if (links.Count > 0)
        {
            html.Append("<p style=\"margin:20px 0 0 0;\">");
            foreach (var link in links)
            {
                var (background, color) = link.Kind == MessageLinkKind.Approve ? ("#1f883d", "#ffffff") : ("#f6f8fa", "#1f2328");
                html.Append("<a href=\"").Append(MailLayout.Encoder.Encode(link.Url)).Append("\" style=\"display:inline-block;margin:0 8px 8px 0;padding:8px 16px;")
                    .Append("border:1px solid #d0d7de;border-radius:6px;text-decoration:none;font-size:14px;background:")
                    .Append(background).Append(";color:").Append(color).Append(";\">")
                    .Append(MailLayout.Encoder.Encode(text.LinkLabel(link.Kind))).Append("</a>");
            }
            html.Append("</p>\n");
        }
        return MailLayout.CloseHtml(html, text.Footer);
    }

    private static string PlainText(TemplateText text, string heading, List<Paragraph> paragraphs, List<MessageLink> links)
    {
        var plain = new StringBuilder();
        plain.Append(heading).Append("\n\n");
        foreach (var paragraph in paragraphs)
        {
            plain.Append(paragraph.Plain()).Append("\n\n");
        }
        foreach (var link in links)
        {
            plain.Append(text.LinkLabel(link.Kind)).Append(": ").Append(link.Url).Append('\n');
        }
        if (links.Count > 0)
        {
            plain.Append('\n');
        }
        return MailLayout.ClosePlain(plain, text.Footer);
    }

    /// <summary>Only absolute http(s) links become buttons: a javascript: or data: URL in a model is dropped, not rendered.</summary>
    private static List<MessageLink> UsableLinks(IReadOnlyList<MessageLink>? links) =>
        (links ?? []).Where(l => Uri.TryCreate(l.Url, UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            .ToList();

    private static TimeZoneInfo FindDefaultTimeZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(DefaultTimeZoneId);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // A container without tzdata still shows China Standard Time correctly: it has no daylight saving.
            return TimeZoneInfo.CreateCustomTimeZone(DefaultTimeZoneId, TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }

    private static Segment Literal(string text) => new(text, IsValue: false);

    private static Segment Value(string? text) => new(text ?? "", IsValue: true);

    /// <summary>Part of a sentence: fixed template text, or a value from the model shown emphasised.</summary>
    private sealed record Segment(string Text, bool IsValue);

    private sealed record Paragraph(IReadOnlyList<Segment> Segments)
    {
        public string Plain() => string.Concat(Segments.Select(s => s.Text));

        public string Html() => string.Concat(Segments.Select(s => s.IsValue
            ? "<strong>" + MailLayout.Encoder.Encode(s.Text) + "</strong>"
            : MailLayout.Encoder.Encode(s.Text)));
    }

    /// <summary>The fixed words of the templates in one language; values are spliced in as segments so they can be encoded.</summary>
    private sealed class TemplateText
    {
        private static readonly TemplateText Chinese = new()
        {
            HtmlLanguage = Languages.Chinese,
            ReminderHeading = "任务即将到期",
            EscalationHeading = days => string.Create(CultureInfo.InvariantCulture, $"任务已逾期 {days} 个工作日"),
            ApprovalRequestedHeading = "待您审批",
            ApprovalDecidedHeading = "审批已决定",
            DueLabel = "到期时间：",
            ReasonLabel = "原因：",
            OutcomeLabel = "结果：",
            ActorLabel = "决定人：",
            CommentLabel = "意见：",
            ApproveLabel = "批准",
            ExtendLabel = "延期 3 个工作日",
            OpenLabel = "在 Butler 中打开",
            Footer = "此邮件由 Butler 自动发送，请勿直接回复。",
            SubjectSeparator = "：",
            ReminderBody = t => new([Literal("您的任务「"), Value(t), Literal("」即将到期。")]),
            EscalationBody = (t, days) => new([Literal("任务「"), Value(t), Literal("」已逾期 "),
                Value(days.ToString(CultureInfo.InvariantCulture)), Literal(" 个工作日，现升级给您处理。")]),
            ApprovalRequestedBody = t => new([Literal("「"), Value(t), Literal("」正在等待您的审批。")]),
            ApprovalDecidedBody = t => new([Literal("「"), Value(t), Literal("」的审批已有决定。")]),
            TransferredHeading = "任务转办给您",
            DelegatedHeading = "任务委派给您",
            ResolvedHeading = "委派的任务已交回",
            UrgedHeading = "催办",
            TransferredBody = (who, t) => new([Value(who), Literal(" 将任务「"), Value(t), Literal("」转办给您办理。")]),
            DelegatedBody = (who, t) => new([Value(who), Literal(" 将任务「"), Value(t), Literal("」委派给您办理，办理后请交回。")]),
            ResolvedBody = (who, t) => new([Value(who), Literal(" 已办理任务「"), Value(t), Literal("」并交回给您，请您办结。")]),
            UrgedBody = (who, t) => new([Value(who), Literal(" 催您尽快办理任务「"), Value(t), Literal("」。")]),
            ReturnedHeading = "任务被退回",
            ReturnedBody = (who, t) => new([Value(who), Literal(" 将任务「"), Value(t), Literal("」退回给您，请重新办理。")]),
            CopiedHeading = "抄送给您",
            CopiedBody = (who, t) => new([Value(who), Literal(" 将「"), Value(t), Literal("」抄送给您，请知悉。")]),
            WithdrawnHeading = "流程已撤销",
            WithdrawnBody = (who, t) => new([Value(who), Literal(" 撤销了流程，任务「"), Value(t), Literal("」已取消，无需再办理。")]),
        };

        private static readonly TemplateText English = new()
        {
            HtmlLanguage = Languages.English,
            ReminderHeading = "Task due soon",
            EscalationHeading = days => string.Create(CultureInfo.InvariantCulture, $"Task overdue by {days} working {(days == 1 ? "day" : "days")}"),
            ApprovalRequestedHeading = "Approval requested",
            ApprovalDecidedHeading = "Approval decided",
            DueLabel = "Due: ",
            ReasonLabel = "Reason: ",
            OutcomeLabel = "Outcome: ",
            ActorLabel = "Decided by: ",
            CommentLabel = "Comment: ",
            ApproveLabel = "Approve",
            ExtendLabel = "Extend by 3 working days",
            OpenLabel = "Open in Butler",
            Footer = "This message was sent automatically by Butler; please do not reply to it.",
            SubjectSeparator = ": ",
            ReminderBody = t => new([Literal("Your task “"), Value(t), Literal("” is due soon.")]),
            EscalationBody = (t, days) => new([Literal("The task “"), Value(t), Literal("” is overdue by "),
                Value(days.ToString(CultureInfo.InvariantCulture)), Literal(days == 1 ? " working day" : " working days"),
                Literal(" and has been escalated to you.")]),
            ApprovalRequestedBody = t => new([Literal("“"), Value(t), Literal("” is waiting for your decision.")]),
            ApprovalDecidedBody = t => new([Literal("A decision was made on “"), Value(t), Literal("”.")]),
            TransferredHeading = "Task transferred to you",
            DelegatedHeading = "Task delegated to you",
            ResolvedHeading = "Delegated task sent back",
            UrgedHeading = "Task urged",
            TransferredBody = (who, t) => new([Value(who), Literal(" transferred the task “"), Value(t), Literal("” to you.")]),
            DelegatedBody = (who, t) => new([Value(who), Literal(" delegated the task “"), Value(t), Literal("” to you; send it back when you have worked on it.")]),
            ResolvedBody = (who, t) => new([Value(who), Literal(" worked on the task “"), Value(t), Literal("” and sent it back for you to complete.")]),
            UrgedBody = (who, t) => new([Value(who), Literal(" asks you to finish the task “"), Value(t), Literal("” soon.")]),
            ReturnedHeading = "Task sent back",
            ReturnedBody = (who, t) => new([Value(who), Literal(" sent the task “"), Value(t), Literal("” back to you to do again.")]),
            CopiedHeading = "Copied to you",
            CopiedBody = (who, t) => new([Value(who), Literal(" copied “"), Value(t), Literal("” to you for your information.")]),
            WithdrawnHeading = "Run withdrawn",
            WithdrawnBody = (who, t) => new([Value(who), Literal(" withdrew the run: the task “"), Value(t), Literal("” is cancelled and needs no more work.")]),
        };

        public required string HtmlLanguage { get; init; }
        public required string ReminderHeading { get; init; }
        public required Func<int, string> EscalationHeading { get; init; }
        public required string ApprovalRequestedHeading { get; init; }
        public required string ApprovalDecidedHeading { get; init; }
        public required string DueLabel { get; init; }
        public required string ReasonLabel { get; init; }
        public required string OutcomeLabel { get; init; }
        public required string ActorLabel { get; init; }
        public required string CommentLabel { get; init; }
        public required string ApproveLabel { get; init; }
        public required string ExtendLabel { get; init; }
        public required string OpenLabel { get; init; }
        public required string Footer { get; init; }
        public required string SubjectSeparator { get; init; }
        public required Func<string, Paragraph> ReminderBody { get; init; }
        public required Func<string, int, Paragraph> EscalationBody { get; init; }
        public required Func<string, Paragraph> ApprovalRequestedBody { get; init; }
        public required Func<string, Paragraph> ApprovalDecidedBody { get; init; }
        public required string TransferredHeading { get; init; }
        public required string DelegatedHeading { get; init; }
        public required string ResolvedHeading { get; init; }
        public required string UrgedHeading { get; init; }
        public required Func<string, string, Paragraph> TransferredBody { get; init; }
        public required Func<string, string, Paragraph> DelegatedBody { get; init; }
        public required Func<string, string, Paragraph> ResolvedBody { get; init; }
        public required Func<string, string, Paragraph> UrgedBody { get; init; }
        public required string ReturnedHeading { get; init; }
        public required Func<string, string, Paragraph> ReturnedBody { get; init; }
        public required string CopiedHeading { get; init; }
        public required Func<string, string, Paragraph> CopiedBody { get; init; }
        public required string WithdrawnHeading { get; init; }
        public required Func<string, string, Paragraph> WithdrawnBody { get; init; }

        /// <summary>The words of <paramref name="language"/> by the one rule of <see cref="Languages"/>.</summary>
        public static TemplateText For(string? language) => Languages.IsEnglish(language) ? English : Chinese;

        public string Subject(string heading, string title) => heading + SubjectSeparator + title;

        public string LinkLabel(MessageLinkKind kind) => kind switch
        {
            MessageLinkKind.Approve => ApproveLabel,
            MessageLinkKind.Extend => ExtendLabel,
            _ => OpenLabel,
        };
    }
}
