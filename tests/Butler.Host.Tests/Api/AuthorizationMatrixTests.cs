using System.Net;
using System.Net.Http.Json;
using Butler.Host.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Butler.Host.Tests.Api;

/// <summary>Every endpoint states who may call it; anonymous callers get 401 and the wrong roles 403.</summary>
public sealed class AuthorizationMatrixTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private enum Access
    {
        Anyone,
        AnyUser,

        /// <summary>Squad, Leader or Admin: the promotion staff; a signed-in user with none of those roles is refused.</summary>
        Staff,
        LeaderOrAdmin,
        Admin,

        /// <summary>A web page for Squad, Leader or Admin: an anonymous browser is redirected (302) to the sign-in page, not given 401.</summary>
        StaffPage,

        /// <summary>A web page for leaders and administrators: anonymous is redirected to sign in, a squad member refused.</summary>
        LeaderOrAdminPage,

        /// <summary>A web page for administrators only.</summary>
        AdminPage,

        /// <summary>A web page for anyone signed in, whatever their roles (their own profile).</summary>
        AnyUserPage,
    }

    private static bool IsPage(Access access) => access is Access.StaffPage or Access.LeaderOrAdminPage or Access.AdminPage or Access.AnyUserPage;

    private static readonly (string Method, string Route, Access Access)[] Matrix =
    [
        ("GET", "/health", Access.Anyone),
        ("GET", "/openapi/{documentName}.json", Access.Anyone),
        ("GET", "/api-docs/{documentName?}", Access.Anyone),
        ("GET", "/api-docs/scalar.js", Access.Anyone),
        ("GET", "/api-docs/scalar.aspnetcore.js", Access.Anyone),
        ("GET", "/api-docs/favicon.svg", Access.Anyone),
        ("POST", "/api/auth/token", Access.Anyone),
        ("GET", "/api/activity-descriptors", Access.AnyUser),
        ("GET", "/api/workflow-definitions/", Access.AnyUser),
        ("GET", "/api/workflow-definitions/{id}", Access.AnyUser),
        ("POST", "/api/workflow-definitions/", Access.Admin),
        ("PUT", "/api/workflow-definitions/{id}", Access.Admin),
        ("POST", "/api/workflow-definitions/{id}/publish", Access.Admin),
        ("POST", "/api/sandbox/", Access.Admin),
        ("GET", "/api/sandbox/{id:guid}", Access.Admin),
        ("POST", "/api/sandbox/{id:guid}/tasks/{taskId:guid}/complete", Access.Admin),
        ("POST", "/api/sandbox/{id:guid}/approvals/{approvalId:guid}/decide", Access.Admin),
        ("POST", "/api/sandbox/{id:guid}/timers/{timerId:guid}/fire", Access.Admin),
        ("DELETE", "/api/sandbox/{id:guid}", Access.Admin),
        ("POST", "/api/workflow-definitions/validate", Access.AnyUser),
        ("GET", "/api/workflow-definitions/{id}/versions", Access.Admin),
        ("DELETE", "/api/workflow-definitions/{id}/draft", Access.Admin),
        ("POST", "/api/workflow-definitions/{id}/revert", Access.Admin),
        ("GET", "/api/workflow-definitions/{id}/diff", Access.Admin),
        ("GET", "/api/workflow-definitions/{id}/export", Access.Admin),
        ("POST", "/api/workflow-definitions/import", Access.Admin),
        ("POST", "/api/expressions/check", Access.AnyUser),
        ("POST", "/api/workflow-instances/", Access.LeaderOrAdmin),
        ("GET", "/api/workflow-instances/", Access.LeaderOrAdmin),
        ("GET", "/api/workflow-instances/{id:guid}", Access.AnyUser),
        ("POST", "/api/workflow-instances/{id:guid}/cancel", Access.Admin),
        ("POST", "/api/workflow-instances/{id:guid}/signals/{name}", Access.LeaderOrAdmin),
        // 撤销: any signed-in user may ask; the run answers 403 unless they started it (RunWithdrawTests).
        ("POST", "/api/workflow-instances/{id:guid}/withdraw", Access.AnyUser),
        ("POST", "/api/workflow-instances/{id:guid}/retry", Access.Admin),
        // 审批单: any signed-in user may ask; the run answers 403 unless they may read it (SheetApiTests).
        ("GET", "/api/workflow-instances/{id:guid}/sheet", Access.AnyUser),
        ("POST", "/api/workflow-instances/{id:guid}/alterations", Access.Admin),
        ("GET", "/api/tasks/", Access.AnyUser),
        ("GET", "/api/tasks/{id:guid}", Access.AnyUser),
        ("POST", "/api/tasks/{id:guid}/complete", Access.AnyUser),
        // Claim, notes and files: any signed-in user may ask; the task itself then answers 403 unless it is theirs (TaskActionTests).
        ("POST", "/api/tasks/{id:guid}/claim", Access.AnyUser),
        ("POST", "/api/tasks/{id:guid}/release", Access.AnyUser),
        // The moves: any signed-in user may ask; the task answers 403 unless the move is theirs to make (TaskMoveTests).
        ("GET", "/api/tasks/{id:guid}/actions", Access.AnyUser),
        ("POST", "/api/tasks/{id:guid}/transfer", Access.AnyUser),
        ("POST", "/api/tasks/{id:guid}/delegate", Access.AnyUser),
        ("POST", "/api/tasks/{id:guid}/resolve", Access.AnyUser),
        ("POST", "/api/tasks/{id:guid}/urge", Access.AnyUser),
        ("POST", "/api/tasks/{id:guid}/return", Access.AnyUser),
        ("POST", "/api/tasks/{id:guid}/withdraw", Access.AnyUser),
        ("POST", "/api/tasks/{id:guid}/cc", Access.AnyUser),
        // 抄送: anyone signed in has a list of copies; one copy answers 403 to all but its recipient (TaskCopyTests).
        ("GET", "/api/cc/", Access.AnyUser),
        ("GET", "/api/cc/{id:guid}", Access.AnyUser),
        ("POST", "/api/cc/{id:guid}/read", Access.AnyUser),
        ("GET", "/api/tasks/{id:guid}/notes", Access.AnyUser),
        ("POST", "/api/tasks/{id:guid}/notes", Access.AnyUser),
        ("GET", "/api/tasks/{id:guid}/attachments", Access.AnyUser),
        ("POST", "/api/tasks/{id:guid}/attachments", Access.AnyUser),
        ("GET", "/api/tasks/{id:guid}/attachments/{attachmentId:guid}", Access.AnyUser),
        ("GET", "/api/notifications/", Access.AnyUser),
        ("POST", "/api/notifications/{id:guid}/read", Access.AnyUser),
        ("POST", "/api/notifications/read-all", Access.AnyUser),
        ("GET", "/api/calendars/", Access.Admin),
        ("GET", "/api/calendars/{id}", Access.Admin),
        ("PUT", "/api/calendars/{id}", Access.Admin),
        ("GET", "/api/calendars/{id}/due", Access.AnyUser),
        ("GET", "/api/approvals/", Access.AnyUser),
        ("GET", "/api/approvals/{id:guid}", Access.AnyUser),
        ("POST", "/api/approvals/{id:guid}/decide", Access.AnyUser),
        ("POST", "/api/approvals/{id:guid}/signers", Access.AnyUser),
        ("DELETE", "/api/approvals/{id:guid}/signers/{userName}", Access.AnyUser),
        ("POST", "/api/approvals/batch-decide", Access.AnyUser),
        // The one-click pages: the signed token in the link is the credential (DecisionLinkTests cover it).
        ("GET", "/approvals/decide", Access.Anyone),
        ("POST", "/approvals/decide", Access.Anyone),
        ("GET", "/api/chains/", Access.AnyUser),
        ("POST", "/api/chains/", Access.Admin),
        ("GET", "/api/leaders/", Access.AnyUser),
        ("GET", "/api/leaders/{id:guid}", Access.AnyUser),
        ("POST", "/api/leaders/", Access.Admin),
        ("PUT", "/api/leaders/{id:guid}", Access.Admin),
        ("GET", "/api/teams/", Access.AnyUser),
        ("GET", "/api/teams/{id:guid}", Access.AnyUser),
        ("POST", "/api/teams/", Access.Admin),
        ("PUT", "/api/teams/{id:guid}", Access.Admin),
        ("GET", "/api/leads/", Access.Staff),
        ("POST", "/api/leads/", Access.Staff),
        ("GET", "/api/leads/{id:guid}", Access.Staff),
        ("PUT", "/api/leads/{id:guid}", Access.Staff),
        ("POST", "/api/leads/{id:guid}/activities", Access.Staff),
        ("POST", "/api/leads/{id:guid}/convert", Access.LeaderOrAdmin),
        ("GET", "/api/promotion-activities/", Access.Staff),
        ("POST", "/api/promotion-activities/", Access.Staff),
        ("GET", "/api/dispatches/", Access.LeaderOrAdmin),
        ("GET", "/api/dispatches/{id:guid}", Access.LeaderOrAdmin),
        ("POST", "/api/dispatches/{id:guid}/decisions", Access.LeaderOrAdmin),
        ("POST", "/api/dispatches/run", Access.Admin),
        ("GET", "/hangfire/{**path}", Access.Admin),
        ("GET", "/api/projects/", Access.Staff),
        ("POST", "/api/projects/", Access.LeaderOrAdmin),
        ("GET", "/api/projects/{id:guid}", Access.Staff),
        ("PUT", "/api/projects/{id:guid}", Access.Staff),
        ("POST", "/api/projects/{id:guid}/problems", Access.Staff),
        ("POST", "/api/projects/{id:guid}/problems/{problemId:guid}/resolve", Access.Staff),
        ("POST", "/api/projects/{id:guid}/investment", Access.Staff),
        ("GET", "/api/projects/export", Access.Staff),
        ("GET", "/api/metrics", Access.LeaderOrAdmin),
        ("GET", "/api/me/", Access.AnyUser),
        ("PUT", "/api/me/", Access.AnyUser),
        ("POST", "/api/me/password", Access.AnyUser),
        ("GET", "/api/me/phrases", Access.AnyUser),
        ("PUT", "/api/me/phrases", Access.AnyUser),
        ("GET", "/api/me/proxy/", Access.AnyUser),
        ("PUT", "/api/me/proxy/", Access.AnyUser),
        ("DELETE", "/api/me/proxy/", Access.AnyUser),
        ("GET", "/api/users/{userName}/proxy/", Access.Admin),
        ("PUT", "/api/users/{userName}/proxy/", Access.Admin),
        ("DELETE", "/api/users/{userName}/proxy/", Access.Admin),
        ("GET", "/api/me/signature", Access.AnyUser),
        ("PUT", "/api/me/signature", Access.AnyUser),
        ("DELETE", "/api/me/signature", Access.AnyUser),
        ("GET", "/api/users/", Access.Admin),
        ("GET", "/api/users/{userName}", Access.Admin),
        ("POST", "/api/users/", Access.Admin),
        ("PUT", "/api/users/{userName}", Access.Admin),
        ("POST", "/api/users/{userName}/lock", Access.Admin),
        ("POST", "/api/users/{userName}/unlock", Access.Admin),
        ("POST", "/api/users/{userName}/reset-password", Access.Admin),
        // The web application: pages answer GET and their form posts; Blazor's own plumbing carries no data of its own.
        ("GET", "/", Access.StaffPage),
        ("POST", "/", Access.StaffPage),
        ("GET", "/tasks", Access.StaffPage),
        ("POST", "/tasks", Access.StaffPage),
        // A task's page: anyone signed in, since a task may be copied to anyone; the page then refuses all but its readers.
        ("GET", "/tasks/{Id:guid}", Access.AnyUserPage),
        ("POST", "/tasks/{Id:guid}", Access.AnyUserPage),
        ("GET", "/cc/{Id:guid}", Access.AnyUserPage),
        ("POST", "/cc/{Id:guid}", Access.AnyUserPage),
        ("GET", "/approvals", Access.StaffPage),
        ("POST", "/approvals", Access.StaffPage),
        ("GET", "/dashboard", Access.LeaderOrAdminPage),
        ("POST", "/dashboard", Access.LeaderOrAdminPage),
        ("GET", "/projects", Access.StaffPage),
        ("POST", "/projects", Access.StaffPage),
        ("GET", "/projects/{id:guid}", Access.StaffPage),
        ("POST", "/projects/{id:guid}", Access.StaffPage),
        ("GET", "/profile", Access.AnyUserPage),
        ("POST", "/profile", Access.AnyUserPage),
        ("GET", "/admin", Access.AdminPage),
        ("POST", "/admin", Access.AdminPage),
        ("GET", "/designer", Access.AdminPage),
        ("POST", "/designer", Access.AdminPage),
        ("GET", "/designer/{Id}", Access.AdminPage),
        ("POST", "/designer/{Id}", Access.AdminPage),
        ("GET", "/designer/{Id}/versions", Access.AdminPage),
        ("POST", "/designer/{Id}/versions", Access.AdminPage),
        ("GET", "/admin/users", Access.AdminPage),
        ("POST", "/admin/users", Access.AdminPage),
        ("GET", "/admin/teams", Access.AdminPage),
        ("POST", "/admin/teams", Access.AdminPage),
        ("GET", "/admin/calendar", Access.AdminPage),
        ("POST", "/admin/calendar", Access.AdminPage),
        ("GET", "/admin/instances", Access.AdminPage),
        ("POST", "/admin/instances", Access.AdminPage),
        ("GET", "/admin/instances/{Id:guid}", Access.AdminPage),
        ("POST", "/admin/instances/{Id:guid}", Access.AdminPage),
        ("GET", "/signin", Access.Anyone),
        ("POST", "/signin", Access.Anyone),
        ("GET", "/denied", Access.Anyone),
        ("POST", "/denied", Access.Anyone),
        ("GET", "/status/{Code:int}", Access.Anyone),
        ("POST", "/status/{Code:int}", Access.Anyone),
        // Anyone may sign out; the form post must carry the antiforgery token (WebAppTests).
        ("POST", "/signout", Access.Anyone),
        ("GET", "/culture", Access.Anyone),
        ("GET", "/_framework/opaque-redirect", Access.Anyone),
        // The interactive circuit: it runs as the cookie's user, and each page inside it checks its own policy.
        ("GET", "/_blazor", Access.Anyone),
        ("GET", "/_blazor/negotiate", Access.Anyone),
        ("GET", "/_blazor/disconnect", Access.Anyone),
        ("GET", "/_blazor/initializers", Access.Anyone),
    ];

    public static TheoryData<string, string> Endpoints()
    {
        var data = new TheoryData<string, string>();
        foreach (var (method, route, _) in Matrix)
        {
            data.Add(method, route);
        }
        return data;
    }

    [Fact]
    public void Every_mapped_endpoint_is_in_the_matrix()
    {
        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, e.RoutePattern.RawText ?? "")))
            .Select(x => $"{x.m} {Normalize(x.Item2)}")
            .ToHashSet();
        var listed = Matrix.Select(m => $"{m.Method} {Normalize(m.Route)}").ToHashSet();
        Assert.Empty(mapped.Except(listed));
        Assert.Empty(listed.Except(mapped));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Each_endpoint_answers_401_403_or_serves_by_its_stated_policy(string method, string route)
    {
        var access = Matrix.Single(m => m.Method == method && m.Route == route).Access;
        var url = Concrete(route);

        var anonymous = await SendAsync(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), method, url);
        if (IsPage(access))
        {
            Assert.Equal(HttpStatusCode.Redirect, anonymous.Status);
            Assert.StartsWith("/signin", anonymous.Location?.PathAndQuery, StringComparison.Ordinal);
        }
        else if (access == Access.Anyone)
        {
            Assert.NotEqual(HttpStatusCode.Unauthorized, anonymous.Status);
            Assert.NotEqual(HttpStatusCode.Forbidden, anonymous.Status);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
        }

        foreach (var (user, role) in new[] { ("admin", "Admin"), ("leader", "Leader"), ("squad", "Squad") })
        {
            var (status, _) = await SendAsync(await app.ClientForAsync(user), method, url);
            var allowed = access switch
            {
                Access.Admin or Access.AdminPage => role == "Admin",
                Access.LeaderOrAdmin or Access.LeaderOrAdminPage => role is "Admin" or "Leader",
                _ => true,
            };
            if (allowed)
            {
                Assert.NotEqual(HttpStatusCode.Unauthorized, status);
                Assert.NotEqual(HttpStatusCode.Forbidden, status);
            }
            else
            {
                Assert.Equal(HttpStatusCode.Forbidden, status);
            }
        }
    }

    [Fact]
    public async Task A_squad_member_may_not_list_everyones_tasks_but_a_leader_may()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync("squad")).GetAsync("/api/tasks?scope=all")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync("leader")).GetAsync("/api/tasks?scope=all")).StatusCode);
    }

    [Fact]
    public async Task A_tampered_or_foreign_token_is_401()
    {
        var client = await app.ClientForAsync("admin");
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        client.DefaultRequestHeaders.Authorization = new("Bearer", token[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/activity-descriptors")).StatusCode);
    }

    [Fact]
    public async Task A_token_issued_before_its_account_was_locked_is_401_at_once_on_the_host_that_locked_it()
    {
        var name = await TestUsers.CreateAsync(app, "locked", "Admin");
        var client = await app.ClientForAsync(name);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/users")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync("admin")).PostAsync($"/api/users/{name}/lock", null)).StatusCode);

        // This host forgets what it read of the account when it locks it; other hosts within Butler:Auth:SessionCheckInterval (SessionRevocationTests).
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/hangfire")).StatusCode);
    }

    [Fact]
    public async Task A_token_answer_is_never_stored_by_a_cache()
    {
        foreach (var password in new[] { ButlerApp.Password, "not-the-password" })
        {
            using var response = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = "leader", password });
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
            Assert.Contains("no-cache", response.Headers.Pragma.ToString(), StringComparison.Ordinal);
        }
    }

    /// <summary>Every page anyone or an administrator can open, the one-click decision pages and the error pages among them.</summary>
    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Every_html_page_may_not_be_framed_by_another_site_nor_stored(string method, string route)
    {
        if (method != "GET")
        {
            return;
        }
        foreach (var client in new[] { app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), await app.ClientForAsync("admin") })
        {
            using var response = await client.GetAsync(Concrete(route));
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }
            var framing = response.Headers.TryGetValues("Content-Security-Policy", out var csp) ? string.Join(";", csp) : "";
            Assert.Contains("frame-ancestors 'self'", framing, StringComparison.Ordinal);
            Assert.Equal("SAMEORIGIN", response.Headers.TryGetValues("X-Frame-Options", out var frame) ? string.Join(",", frame) : null);
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
            Assert.Contains("no-cache", response.Headers.Pragma.ToString(), StringComparison.Ordinal);
        }
    }

    private static string Normalize(string route) => route.TrimEnd('/');

    private static string Concrete(string route) => route
        .Replace("{id:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{Code:int}", "404", StringComparison.Ordinal)
        .Replace("{Id:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{userName}", "no-such-user", StringComparison.Ordinal)
        .Replace("{problemId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{attachmentId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{taskId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{approvalId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{timerId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{Id:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{id}", "no-such-definition", StringComparison.Ordinal)
        .Replace("{name}", "someSignal", StringComparison.Ordinal)
        .Replace("{documentName}", "v1", StringComparison.Ordinal)
        .Replace("{documentName?}", "v1", StringComparison.Ordinal)
        .Replace("{**path}", "", StringComparison.Ordinal);

    private static async Task<(HttpStatusCode Status, Uri? Location)> SendAsync(HttpClient client, string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT")
        {
            request.Content = JsonContent.Create(new { });
        }
        using var response = await client.SendAsync(request);
        return (response.StatusCode, response.Headers.Location);
    }
}
