using Butler.Workflows.Notifications;
using Xunit;

namespace Butler.Workflows.Tests.Notifications;

public sealed class NotificationTemplatesTests
{
    private static readonly Guid Instance = Guid.Parse("6a4d1c52-7d2e-4f45-9a55-6f1f6f0c0b01");
    private readonly NotificationTemplates _templates = new();

    private static NotificationModel Reminder(string title = "为 双汇食品 代办许可证") =>
        new(NotificationKind.Reminder, title, Instance, TaskId: Guid.NewGuid(), DueAt: new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero),
            Links: [new MessageLink(MessageLinkKind.Open, "https://butler.example/tasks/1")]);

    private static NotificationModel ApprovalRequested() =>
        new(NotificationKind.ApprovalRequested, "选址方案", Instance, ApprovalId: Guid.NewGuid(), Reason: "逾期 2 个工作日",
            Links:
            [
                new MessageLink(MessageLinkKind.Approve, "https://butler.example/a/approve?t=1&u=2"),
                new MessageLink(MessageLinkKind.Extend, "https://butler.example/a/extend?t=1&u=2"),
                new MessageLink(MessageLinkKind.Open, "https://butler.example/approvals/9"),
            ]);

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("zh")]
    [InlineData("zh-Hans")]
    [InlineData("ZH-tw")]
    [InlineData("fr")]
    [InlineData("")]
    [InlineData(null)]
    public void Every_language_but_English_gets_the_Chinese_template(string? language)
    {
        var message = _templates.Render(Reminder(), language);

        Assert.Equal("任务即将到期：为 双汇食品 代办许可证", message.Subject);
        Assert.Contains("<html lang=\"zh-CN\">", message.Html, StringComparison.Ordinal);
        Assert.Contains("您的任务「为 双汇食品 代办许可证」即将到期。", message.Text, StringComparison.Ordinal);
        Assert.Equal(message.Subject, message.InAppTitle);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("en-GB")]
    [InlineData("EN-us")]
    public void An_English_language_gets_the_English_template(string language)
    {
        var message = _templates.Render(Reminder("Permit filing"), language);

        Assert.Equal("Task due soon: Permit filing", message.Subject);
        Assert.Contains("<html lang=\"en\">", message.Html, StringComparison.Ordinal);
        Assert.Contains("Your task “Permit filing” is due soon.", message.InAppBody, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reminder_shows_the_due_time_in_the_district_time_zone()
    {
        Assert.Contains("到期时间：2026-03-02 18:00 (UTC+08:00)", _templates.Render(Reminder(), "zh-CN").Text, StringComparison.Ordinal);
        Assert.Contains("Due: 2026-03-02 18:00 (UTC+08:00)", _templates.Render(Reminder(), "en").Text, StringComparison.Ordinal);

        var utc = new NotificationTemplates(TimeZoneInfo.Utc).Render(Reminder(), "en");
        Assert.Contains("Due: 2026-03-02 10:00 (UTC+00:00)", utc.Text, StringComparison.Ordinal);
        Assert.Contains("<strong>2026-03-02 10:00 (UTC+00:00)</strong>", System.Net.WebUtility.HtmlDecode(utc.Html), StringComparison.Ordinal);
    }

    [Fact]
    public void An_escalation_states_how_many_working_days_the_task_is_overdue()
    {
        var model = new NotificationModel(NotificationKind.Escalation, "签约材料", Instance, TaskId: Guid.NewGuid(), OverdueWorkingDays: 3);

        var chinese = _templates.Render(model, "zh-CN");
        var english = _templates.Render(model, "en");

        Assert.Equal("任务已逾期 3 个工作日：签约材料", chinese.Subject);
        Assert.Contains("任务「签约材料」已逾期 3 个工作日，现升级给您处理。", chinese.Text, StringComparison.Ordinal);
        Assert.Equal("Task overdue by 3 working days: 签约材料", english.Subject);
        Assert.Contains("is overdue by 3 working days and has been escalated to you.", english.Text, StringComparison.Ordinal);
        Assert.Equal("Task overdue by 1 working day: x", _templates.Render(model with { Title = "x", OverdueWorkingDays = 1 }, "en").Subject);
    }

    [Fact]
    public void An_approval_request_shows_its_reason_and_its_links_as_buttons_in_both_languages()
    {
        var chinese = _templates.Render(ApprovalRequested(), "zh-CN");
        var english = _templates.Render(ApprovalRequested(), "en");

        Assert.Equal("待您审批：选址方案", chinese.Subject);
        Assert.Contains("原因：<strong>逾期 2 个工作日</strong>", chinese.Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://butler.example/a/approve?t=1&amp;u=2\"", chinese.Html, StringComparison.Ordinal);
        Assert.Contains(">批准</a>", chinese.Html, StringComparison.Ordinal);
        Assert.Contains(">延期 3 个工作日</a>", chinese.Html, StringComparison.Ordinal);
        Assert.Contains(">在 Butler 中打开</a>", chinese.Html, StringComparison.Ordinal);
        Assert.Contains("批准: https://butler.example/a/approve?t=1&u=2", chinese.Text, StringComparison.Ordinal);

        Assert.Equal("Approval requested: 选址方案", english.Subject);
        Assert.Contains(">Approve</a>", english.Html, StringComparison.Ordinal);
        Assert.Contains(">Extend by 3 working days</a>", english.Html, StringComparison.Ordinal);
        Assert.Contains(">Open in Butler</a>", english.Html, StringComparison.Ordinal);
        Assert.Contains("Extend by 3 working days: https://butler.example/a/extend?t=1&u=2", english.Text, StringComparison.Ordinal);
        Assert.Contains("Open in Butler: https://butler.example/approvals/9", english.Text, StringComparison.Ordinal);
        Assert.Contains("Reason: 逾期 2 个工作日", english.InAppBody, StringComparison.Ordinal);
    }

    [Fact]
    public void A_decision_names_the_outcome_the_comment_and_who_decided()
    {
        var model = new NotificationModel(NotificationKind.ApprovalDecided, "选址方案", Instance, ApprovalId: Guid.NewGuid(),
            Outcome: "Approved", Comment: "同意，按计划推进", Actor: "王区长");

        var chinese = _templates.Render(model, "zh-CN");
        var english = _templates.Render(model, "en");

        Assert.Equal("审批已决定：选址方案 — Approved", chinese.Subject);
        Assert.Contains("结果：Approved", chinese.Text, StringComparison.Ordinal);
        Assert.Contains("决定人：王区长", chinese.Text, StringComparison.Ordinal);
        Assert.Contains("意见：同意，按计划推进", chinese.Text, StringComparison.Ordinal);
        Assert.Equal("Approval decided: 选址方案 — Approved", english.Subject);
        Assert.Contains("Decided by: <strong>王区长</strong>", english.Html, StringComparison.Ordinal);
        Assert.Contains("Comment: 同意，按计划推进", english.InAppBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void Every_user_supplied_value_is_html_encoded(string language)
    {
        const string Script = "<script>alert('x')</script>";
        var model = new NotificationModel(NotificationKind.ApprovalDecided, Script, Instance, Outcome: "<b>Approved</b>",
            Comment: "a & b \"quoted\" <img src=x onerror=alert(1)>", Actor: "<i>mallory</i>",
            Links: [new MessageLink(MessageLinkKind.Open, "https://butler.example/x?a=\"><script>alert(2)</script>")]);

        var message = _templates.Render(model, language);

        Assert.DoesNotContain("<script", message.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", message.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", message.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>", message.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("\"quoted\"", message.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", message.Html, StringComparison.Ordinal);
        Assert.Contains("<title>", message.Html, StringComparison.Ordinal);
        // The link keeps working, its quote and brackets encoded inside the attribute.
        Assert.Contains("href=\"https://butler.example/x?a=&quot;&gt;&lt;script&gt;", message.Html, StringComparison.Ordinal);
        // Plain text and in-app strings stay raw: encoding is the job of whoever shows them as HTML.
        Assert.Contains(Script, message.Text, StringComparison.Ordinal);
        Assert.Contains(Script, message.InAppTitle, StringComparison.Ordinal);
    }

    [Fact]
    public void Links_that_are_not_web_addresses_are_left_out()
    {
        var model = ApprovalRequested() with
        {
            Links = [new MessageLink(MessageLinkKind.Approve, "javascript:alert(1)"), new MessageLink(MessageLinkKind.Open, "/relative/path")],
        };

        var message = _templates.Render(model, "en");

        Assert.DoesNotContain("javascript", message.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript", message.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<a ", message.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_title_with_line_breaks_makes_a_one_line_subject()
    {
        var message = _templates.Render(Reminder("first\r\nsecond\tthird"), "en");

        Assert.Equal("Task due soon: first second third", message.Subject);
    }
}
