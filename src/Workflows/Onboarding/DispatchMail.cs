using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Butler.Workflows.Activities;
using Butler.Workflows.Notifications;

namespace Butler.Workflows.Onboarding;

/// <summary>
/// Renders a weekly dispatch agenda as an e-mail (subject, HTML, plain text) and an in-app notification, in zh-CN or
/// English. Every value of the agenda (names, titles, owners) is user-supplied and HTML-encoded wherever it lands in the
/// HTML; plain text and in-app strings are left raw for their client to encode.
/// </summary>
public sealed class DispatchMail(TimeZoneInfo timeZone)
{
    /// <summary>The <see cref="Notification.Kind"/> of the in-app entry.</summary>
    public const string NotificationKind = "Dispatch";


    /// <summary>English for an English language, zh-CN otherwise (<see cref="Languages"/>). <paramref name="chains"/> names chains by code.</summary>
    public RenderedMessage Render(DispatchAgenda agenda, string? language, IReadOnlyDictionary<string, IndustryChain> chains)
    {
        ArgumentNullException.ThrowIfNull(agenda);
        ArgumentNullException.ThrowIfNull(chains);
        var w = Words.For(language);
        var week = agenda.WeekOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var leader = MailLayout.SingleLine(agenda.Leader.Name);
        var subject = w.Subject(leader, week);
        var red = agenda.Projects.Count(p => p.Light == "red");
        var yellow = agenda.Projects.Count(p => p.Light == "yellow");
        var summary = w.Summary(agenda.Projects.Count, red, yellow, agenda.Problems.Count, agenda.DecisionsDue.Count);

        var sections = new List<Section>
        {
            new(w.ProjectsHeading, [w.Project, w.Company, w.Chain, w.Stage, w.Light],
                [.. agenda.Projects.Select(p => new[] { p.Name, p.Company, ChainName(p.Chain, chains, w), w.StageName(p.Stage), w.LightName(p.Light) })],
                [.. agenda.Projects.Select(p => p.Light)]),
            new(w.ItemsHeading, [w.Light, w.Project, w.Reason, w.Late],
                [.. agenda.Items.Select(i => new[] { w.LightName(i.Light), i.ProjectName, w.ReasonText(i.Code, i.Subject.For(language)), Days(i.WorkingDaysLate) })],
                [.. agenda.Items.Select(i => i.Light)]),
            new(w.ProblemsHeading, [w.Project, w.Kind, w.Problem, w.Owner, w.Due, w.Late],
                [.. agenda.Problems.Select(p => new[] { p.ProjectName, w.ProblemKindName(p.Kind), p.Title.For(language), p.Owner, MailLayout.Time(p.DueAt, timeZone), Days(p.WorkingDaysLate) })],
                [.. agenda.Problems.Select(p => p.WorkingDaysLate > 0 ? "red" : "")]),
            new(w.DecisionsHeading, [w.Kind, w.Matter, w.Project, w.Due, w.Late],
                [.. agenda.DecisionsDue.Select(d => new[] { w.DecisionKindName(d.Kind), d.Title.For(language), d.ProjectName ?? "—", d.DueAt is { } due ? MailLayout.Time(due, timeZone) : "—", Days(d.WorkingDaysLate) })],
                [.. agenda.DecisionsDue.Select(d => d.WorkingDaysLate > 0 ? "red" : "")]),
        };

        var heading = w.Heading(week);
        return new RenderedMessage(subject, Html(w, subject, heading, leader, summary, sections), Text(w, heading, leader, summary, sections), subject, summary);
    }

    private static string ChainName(string code, IReadOnlyDictionary<string, IndustryChain> chains, Words w) =>
        chains.TryGetValue(code, out var chain) ? w.Chinese ? chain.NameZh : chain.NameEn : code;

    private static string Days(int? days) => days is > 0 ? days.Value.ToString(CultureInfo.InvariantCulture) : "—";

    private static string Html(Words w, string subject, string heading, string leader, string summary, List<Section> sections)
    {
        var html = MailLayout.OpenHtml(w.HtmlLanguage, subject, 760)
            .Append("<h1 style=\"font-size:18px;margin:0 0 8px 0;\">").Append(MailLayout.Encoder.Encode(heading)).Append("</h1>\n")
            .Append("<p style=\"font-size:14px;margin:0 0 4px 0;\"><strong>").Append(MailLayout.Encoder.Encode(leader)).Append("</strong></p>\n")
            .Append("<p style=\"font-size:14px;line-height:1.6;margin:0 0 16px 0;\">").Append(MailLayout.Encoder.Encode(summary)).Append("</p>\n");
        foreach (var section in sections)
        {
            html.Append("<h2 style=\"font-size:15px;margin:20px 0 8px 0;\">").Append(MailLayout.Encoder.Encode(section.Heading)).Append("</h2>\n");
            if (section.Rows.Count == 0)
            {
                html.Append("<p style=\"font-size:14px;color:#656d76;margin:0;\">").Append(MailLayout.Encoder.Encode(w.None)).Append("</p>\n");
                continue;
            }
            html.Append("<table style=\"border-collapse:collapse;width:100%;font-size:13px;\">\n<tr>");
            foreach (var column in section.Columns)
            {
                html.Append("<th style=\"text-align:left;border-bottom:1px solid #d0d7de;padding:4px 6px;\">").Append(MailLayout.Encoder.Encode(column)).Append("</th>");
            }
            html.Append("</tr>\n");
            for (var r = 0; r < section.Rows.Count; r++)
            {
                var color = section.Marks[r] switch
                {
                    "red" => "#cf222e",
                    "yellow" => "#9a6700",
                    _ => "#1f2328",
                };
                html.Append("<tr>");
                foreach (var cell in section.Rows[r])
                {
                    html.Append("<td style=\"border-bottom:1px solid #eaeef2;padding:4px 6px;color:").Append(color).Append(";\">")
                        .Append(MailLayout.Encoder.Encode(MailLayout.SingleLine(cell))).Append("</td>");
                }
                html.Append("</tr>\n");
            }
            html.Append("</table>\n");
        }
        return MailLayout.CloseHtml(html, w.Footer);
    }

    private static string Text(Words w, string heading, string leader, string summary, List<Section> sections)
    {
        var text = new StringBuilder();
        text.Append(heading).Append('\n').Append(leader).Append("\n\n").Append(summary).Append("\n\n");
        foreach (var section in sections)
        {
            text.Append("== ").Append(section.Heading).Append(" ==\n");
            if (section.Rows.Count == 0)
            {
                text.Append(w.None).Append("\n\n");
                continue;
            }
            foreach (var row in section.Rows)
            {
                text.Append("- ").AppendJoin(" | ", row.Select(MailLayout.SingleLine)).Append('\n');
            }
            text.Append('\n');
        }
        return MailLayout.ClosePlain(text, w.Footer);
    }

    /// <summary>A table of the agenda; <see cref="Marks"/> colours each row (red, yellow or nothing).</summary>
    private sealed record Section(string Heading, string[] Columns, IReadOnlyList<string[]> Rows, IReadOnlyList<string> Marks);

    /// <summary>The fixed words of the agenda mail in one language.</summary>
    private sealed class Words
    {
        private static readonly Words ChineseWords = new()
        {
            Chinese = true,
            HtmlLanguage = Languages.Chinese,
            Subject = (leader, week) => $"周例会调度议程：{leader}（{week} 当周）",
            Heading = week => $"周例会调度 · {week} 当周",
            Summary = (projects, red, yellow, problems, decisions) => string.Create(CultureInfo.InvariantCulture,
                $"您包联的项目 {projects} 个，其中红灯 {red} 个、黄灯 {yellow} 个；未解决难题 {problems} 个；待您决策事项 {decisions} 项。"),
            ProjectsHeading = "包联项目",
            ItemsHeading = "红黄灯事项",
            ProblemsHeading = "未解决难题",
            DecisionsHeading = "待您决策事项",
            Project = "项目",
            Company = "企业",
            Chain = "产业链",
            Stage = "阶段",
            Light = "状态灯",
            Reason = "原因",
            Late = "逾期工作日",
            Kind = "类型",
            Problem = "难题",
            Owner = "责任人",
            Due = "期限",
            Matter = "事项",
            None = "无",
            Footer = "此邮件由 Butler 自动发送，请勿直接回复。会上的决定可在 Butler 中记入本议程并派发为任务。",
            Lights = new(StringComparer.Ordinal) { ["red"] = "红灯", ["yellow"] = "黄灯", ["green"] = "绿灯" },
            DecisionKinds = new(StringComparer.Ordinal) { ["approval"] = "审批", ["onSiteOffice"] = "领导现场办公" },
            Reasons = new(StringComparer.Ordinal)
            {
                ["taskOverdue"] = s => $"任务逾期：{s}",
                ["approvalOverdue"] = s => $"审批逾期：{s}",
                ["problemOverdue"] = s => $"难题逾期：{s}",
                ["startLate"] = s => $"开工严重滞后（计划 {s}）",
                ["startMonthPassed"] = s => $"计划开工月份已过（{s}）",
            },
        };

        private static readonly Words EnglishWords = new()
        {
            Chinese = false,
            HtmlLanguage = Languages.English,
            Subject = (leader, week) => $"Weekly dispatch agenda: {leader}, week of {week}",
            Heading = week => $"Weekly dispatch — week of {week}",
            Summary = (projects, red, yellow, problems, decisions) => string.Create(CultureInfo.InvariantCulture,
                $"Your projects: {projects} ({red} red, {yellow} yellow); open problems: {problems}; decisions waiting for you: {decisions}."),
            ProjectsHeading = "Your projects",
            ItemsHeading = "Red and yellow items",
            ProblemsHeading = "Open problems",
            DecisionsHeading = "Decisions waiting for you",
            Project = "Project",
            Company = "Company",
            Chain = "Industry chain",
            Stage = "Stage",
            Light = "Light",
            Reason = "Reason",
            Late = "Working days late",
            Kind = "Kind",
            Problem = "Problem",
            Owner = "Owner",
            Due = "Due",
            Matter = "Subject",
            None = "None",
            Footer = "This message was sent automatically by Butler; please do not reply to it. Decisions taken at the meeting can be recorded against this agenda in Butler and become tasks.",
            Lights = new(StringComparer.Ordinal) { ["red"] = "Red", ["yellow"] = "Yellow", ["green"] = "Green" },
            DecisionKinds = new(StringComparer.Ordinal) { ["approval"] = "Approval", ["onSiteOffice"] = "Leader on-site office" },
            Reasons = new(StringComparer.Ordinal)
            {
                ["taskOverdue"] = s => $"Task overdue: {s}",
                ["approvalOverdue"] = s => $"Approval overdue: {s}",
                ["problemOverdue"] = s => $"Problem overdue: {s}",
                ["startLate"] = s => $"Start seriously late (planned {s})",
                ["startMonthPassed"] = s => $"Planned start month passed ({s})",
            },
        };

        public required bool Chinese { get; init; }
        public required string HtmlLanguage { get; init; }
        public required Func<string, string, string> Subject { get; init; }
        public required Func<string, string> Heading { get; init; }
        public required Func<int, int, int, int, int, string> Summary { get; init; }
        public required string ProjectsHeading { get; init; }
        public required string ItemsHeading { get; init; }
        public required string ProblemsHeading { get; init; }
        public required string DecisionsHeading { get; init; }
        public required string Project { get; init; }
        public required string Company { get; init; }
        public required string Chain { get; init; }
        public required string Stage { get; init; }
        public required string Light { get; init; }
        public required string Reason { get; init; }
        public required string Late { get; init; }
        public required string Kind { get; init; }
        public required string Problem { get; init; }
        public required string Owner { get; init; }
        public required string Due { get; init; }
        public required string Matter { get; init; }
        public required string None { get; init; }
        public required string Footer { get; init; }
        public required Dictionary<string, string> Lights { get; init; }
        public required Dictionary<string, string> DecisionKinds { get; init; }
        public required Dictionary<string, Func<string, string>> Reasons { get; init; }

        /// <summary>The words of <paramref name="language"/> by the one rule of <see cref="Languages"/>.</summary>
        public static Words For(string? language) => Languages.IsEnglish(language) ? EnglishWords : ChineseWords;

        public string LightName(string light) => Lights.GetValueOrDefault(light, light);

        /// <summary>A stage's wire name in the domain's words (<see cref="OnboardingWords.Stage"/>).</summary>
        public string StageName(string stage) => OnboardingWords.OfWire<ProjectStage>(stage, OnboardingWords.Stage)?.For(Language) ?? stage;

        /// <summary>A problem kind's wire name in the domain's words (<see cref="OnboardingWords.Problem"/>).</summary>
        public string ProblemKindName(string kind) => OnboardingWords.OfWire<ProblemKind>(kind, OnboardingWords.Problem)?.For(Language) ?? kind;

        private string Language => Chinese ? Languages.Chinese : Languages.English;

        public string DecisionKindName(string kind) => DecisionKinds.GetValueOrDefault(kind, kind);

        public string ReasonText(string code, string subject) => Reasons.TryGetValue(code, out var text) ? text(subject) : $"{code}: {subject}";
    }
}
