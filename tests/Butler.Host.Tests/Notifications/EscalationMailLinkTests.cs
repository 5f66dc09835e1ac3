using System.Net;
using System.Text.RegularExpressions;
using Butler.Host.Api.Approvals;
using Butler.Host.Tests.Support;
using Butler.TestSupport;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Butler.Host.Tests.Notifications;

/// <summary>
/// The e-mails the demo district really sends when its late project escalates, read from a real SMTP server: every
/// link in them opens a page that works, and one-click links are offered only for outcomes the approval has.
/// </summary>
[Trait("Category", "Slow")]
[Collection(HostsStartedAlone.Name)]
public sealed partial class EscalationMailLinkTests : IAsyncLifetime
{
    private SmtpTestServer _smtp = null!;
    private ButlerApp _app = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartNewAsync();
        _app = new SqliteApp()
            .With("Butler:DemoDistrict", "true")
            .WithSmtp(_smtp);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private static bool HasDecisionLinks(MimeMessage mail) => (mail.HtmlBody ?? "").Contains("/approvals/decide?token=", StringComparison.Ordinal);

    private static List<string> Links(MimeMessage mail) =>
        [.. Href().Matches(mail.HtmlBody ?? "").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Where(u => u.StartsWith("http", StringComparison.Ordinal))];

    private static string TokenOf(string url) => Uri.UnescapeDataString(url[(url.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

    [Fact]
    public async Task Every_link_in_the_demo_districts_escalation_mails_opens_a_page_that_works()
    {
        // The late project's deadlines are long past when the district is seeded: its escalations fire right after start.
        var decisionLinks = _app.Services.GetRequiredService<DecisionLinkService>();
        await Eventually.TrueAsync(async () =>
        {
            foreach (var mail in _smtp.Messages.Where(HasDecisionLinks))
            {
                if (decisionLinks.Read(TokenOf(Links(mail)[0])) is { } link && (await ApprovalAsync(link.ApprovalId)).EscalatedTaskId is not null)
                {
                    return true;
                }
            }
            return false;
        }, TimeSpan.FromSeconds(120)); // a deadline for a slow, shared machine, not a timing assertion
        var mails = _smtp.Messages.Where(HasDecisionLinks).ToList();
        var anonymous = _app.CreateClient();
        var toDecide = new List<(string Url, Approval Approval, string Approver)>();

        foreach (var mail in mails)
        {
            var links = Links(mail).Select(url => (Url: url, Link: decisionLinks.Read(TokenOf(url)))).ToList();
            Assert.All(links, l => Assert.NotNull(l.Link));
            var approval = await ApprovalAsync(links[0].Link!.ApprovalId);
            var offered = links.Where(l => l.Link!.Action != LinkAction.View).Select(l => l.Link!.Action.ToString()).ToList();
            Assert.All(offered, outcome => Assert.Contains(outcome, approval.Outcomes));
            Assert.True(offered.Count == 0 || approval.EscalatedTaskId is not null, "Only an escalation's approval is offered in one click.");

            foreach (var (url, link) in links)
            {
                using var page = await anonymous.GetAsync(new Uri(url).PathAndQuery);
                var html = await page.Content.ReadAsStringAsync();
                if (approval.Status != ApprovalStatus.Pending)
                {
                    // Decided while the district was seeded (a site selection approved): the link says so and changes nothing.
                    Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
                    Assert.Contains("Already decided", html, StringComparison.Ordinal);
                    continue;
                }
                Assert.True(page.StatusCode == HttpStatusCode.OK, $"{link!.Action} link: {(int)page.StatusCode} {html}");
                if (link.Action == LinkAction.View)
                {
                    // The open link leads on to the page where the approver decides.
                    var approver = await _app.ClientForAsync(link.Approver);
                    Assert.Contains("href=\"/approvals\"", html, StringComparison.Ordinal);
                    Assert.Equal(HttpStatusCode.OK, (await approver.GetAsync("/approvals")).StatusCode);
                }
                else
                {
                    Assert.Contains("<form method=\"post\"", html, StringComparison.Ordinal);
                    toDecide.Add((url, approval, link.Approver));
                }
            }
        }

        // The shipped pipeline's escalations offer Extend, Reassign and OnSiteOffice: Extend is the one-click one.
        Assert.NotEmpty(toDecide);
        foreach (var group in toDecide.GroupBy(d => d.Approval.Id))
        {
            var (url, _, _) = group.First();
            using var done = await anonymous.PostAsync("/approvals/decide", new FormUrlEncodedContent([new("token", TokenOf(url))]));
            Assert.True(done.StatusCode == HttpStatusCode.OK, await done.Content.ReadAsStringAsync());
            var decided = await ApprovalAsync(group.Key);
            Assert.Equal(ApprovalStatus.Decided, decided.Status);
            Assert.Equal(Approval.Extend, decided.Outcome);
        }
    }

    private async Task<Approval> ApprovalAsync(Guid id)
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<ButlerDbContext>>().CreateDbContextAsync();
        return await db.Approvals.AsNoTracking().FirstAsync(a => a.Id == id);
    }

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();
}
