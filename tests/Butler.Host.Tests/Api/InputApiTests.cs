using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Butler.Host.Tests.Support;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Butler.Host.Tests.Api;

/// <summary>
/// What a person may send: no control characters anywhere (single-line values no line breaks either), one range for
/// each kind of value, and paging that never wraps around; on SQLite and on PostgreSQL, where a NUL used to be a 500.
/// </summary>
public abstract partial class InputApiTests(ButlerApp app)
{
    protected ButlerApp App { get; } = app;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonObject> ErrorsOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["errors"]!.AsObject();
    }

    private void NothingLoggedAsAnError(long mark) => Assert.Empty(App.Logs.ErrorsSince(mark));

    private async Task<(Guid Leader, Guid Squad)> OrganisationAsync()
    {
        var (leader, squad, _) = await TestOrganisation.CreateAsync(App);
        return (leader, squad);
    }

    private static JsonObject NewProject(Guid leader, Guid squad) => new()
    {
        ["name"] = $"年产一万吨休闲食品项目 {Guid.NewGuid():N}"[..20], ["company"] = "漯河测试食品有限公司", ["chain"] = "health-food",
        ["plannedInvestment"] = 120_000_000m, ["contractDate"] = "2026-11-02", ["leaderId"] = leader, ["squadId"] = squad, ["plannedStartMonth"] = "2027-03",
    };

    private async Task<Guid> CreateProjectAsync(HttpClient admin)
    {
        var (leader, squad) = await OrganisationAsync();
        var created = await admin.PostAsJsonAsync("/api/projects", NewProject(leader, squad));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonObject>())!["project"]!["id"]!.GetValue<Guid>();
    }

    public static TheoryData<string, string, string, string> ControlCharacterBodies() => new()
    {
        // A lead's company, a profile name and a workflow's input: the three a PostgreSQL host answered with a 500.
        { "POST", "/api/leads", """{ "source": "visit", "company": "漯河\u0000食品", "chain": "health-food" }""", "$.company" },
        { "PUT", "/api/me", """{ "displayName": "Li\u0000Ming" }""", "$.displayName" },
        { "POST", "/api/workflow-instances", """{ "definitionId": "demo-onboarding", "input": { "company": "a\u0000b" } }""", "$.input.company" },
        // Free JSON: a signal's payload, a task's form fields, a definition, a sandbox's sample input; deep and in arrays.
        { "POST", $"/api/workflow-instances/{Guid.NewGuid()}/signals/contract", """{ "payload": { "lines": [ "ok", "x\u0007" ] } }""", "$.payload.lines[1]" },
        { "POST", $"/api/tasks/{Guid.NewGuid()}/complete", """{ "outcome": "Done", "fields": { "licenceNo": "SC\u001b1" } }""", "$.fields.licenceNo" },
        { "POST", "/api/workflow-definitions", """{ "id": "cc-def", "name": "审批\u0001流程", "activities": [] }""", "$.name" },
        { "POST", "/api/sandbox", """{ "definition": { "id": "x" }, "input": { "a": "\u007f" } }""", "$.input.a" },
        // A key is a name: no control character, not even a line break.
        { "POST", "/api/workflow-instances", """{ "definitionId": "demo-onboarding", "input": { "bad\nkey": 1 } }""", "$.input['bad\nkey']" },
        // Half a surrogate pair is no text either (PostgreSQL and XML refuse it).
        { "POST", "/api/chains", """{ "code": "x", "nameZh": "\ud800", "nameEn": "x" }""", "$.nameZh" },
        { "POST", $"/api/tasks/{Guid.NewGuid()}/notes", """{ "text": "note \u0000" }""", "$.text" },
        { "PUT", "/api/users/squad", """{ "displayName": "\u0008" }""", "$.displayName" },
    };

    [Theory]
    [MemberData(nameof(ControlCharacterBodies))]
    public async Task A_control_character_anywhere_in_a_JSON_body_is_a_400_naming_its_path(string method, string url, string body, string path)
    {
        var admin = await App.ClientForAsync("admin");
        var mark = App.Logs.Mark();

        using var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = Json(body) });

        var errors = await ErrorsOf(response);
        Assert.Equal([path], errors.Select(e => e.Key));
        NothingLoggedAsAnError(mark);
    }

    [Theory]
    [InlineData("/api/leads?search=%00")]
    [InlineData("/api/projects?chain=a%01b")]
    [InlineData("/api/users?search=%0A")]
    [InlineData("/api/workflow-definitions/demo%01")]
    [InlineData("/api/users/squad%01")]
    [InlineData("/api/calendars/cn/due?from=2026-09-18T15:00:00Z&duration=3wd%00")]
    public async Task A_control_character_in_a_query_or_route_value_is_a_400_naming_it(string url)
    {
        var admin = await App.ClientForAsync("admin");
        var mark = App.Logs.Mark();

        using var response = await admin.GetAsync(url);

        var name = Assert.Single(await ErrorsOf(response)).Key;
        Assert.Contains(name, new[] { "search", "chain", "id", "userName", "duration" });
        NothingLoggedAsAnError(mark);
    }

    [Fact]
    public async Task A_single_line_value_refuses_a_line_break_and_a_multi_line_one_keeps_it()
    {
        var squad = await App.ClientForAsync("squad");
        await OrganisationAsync();

        var errors = await ErrorsOf(await squad.PostAsJsonAsync("/api/leads", new { source = "visit", company = "漯河\n食品", chain = "health-food", contact = "张\t三" }));
        Assert.Equal(["company", "contact"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));

        var created = await squad.PostAsJsonAsync("/api/leads", new { source = "visit", company = "漯河食品", chain = "health-food", note = "第一行\n第二行\t（附注）" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("第一行\n第二行\t（附注）", (await created.Content.ReadFromJsonAsync<JsonObject>())!["note"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_export_writes_what_is_already_stored_even_with_control_characters()
    {
        var admin = await App.ClientForAsync("admin");
        var id = await CreateProjectAsync(admin);
        // Stored before the rules existed; PostgreSQL never stores a NUL, so it gets the characters XML refuses.
        var stored = App.Provider == DatabaseProvider.Sqlite ? "坏\u0000名\u0001字\ud800" : "坏\u0001名\u000b字\u001f";
        await using (var db = await App.Services.GetRequiredService<IDbContextFactory<ButlerDbContext>>().CreateDbContextAsync())
        {
            var project = await db.Projects.FirstAsync(p => p.Id == id);
            project.Name = stored;
            project.Company = "公司\u0002";
            await db.SaveChangesAsync();
        }
        var mark = App.Logs.Mark();

        using var xlsx = await admin.GetAsync("/api/projects/export?format=xlsx&pageSize=200");
        using var csv = await admin.GetAsync("/api/projects/export?format=csv");

        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false);
        var texts = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Text>().Select(t => t.Text).ToList();
        Assert.Contains(texts, t => t.StartsWith("坏\uFFFD名\uFFFD字", StringComparison.Ordinal));
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        Assert.Contains("坏\uFFFD名\uFFFD字", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u0001', text);
        NothingLoggedAsAnError(mark);
    }

    public static TheoryData<string, string, string, string> OutOfRangeBodies() => new()
    {
        { "POST", "/api/projects", """{ "contractDate": "9999-01-01" }""", "contractDate" },
        { "POST", "/api/projects", """{ "contractDate": "0001-01-01" }""", "contractDate" },
        { "POST", "/api/projects", """{ "plannedStartMonth": "0001-01" }""", "plannedStartMonth" },
        { "POST", "/api/projects", """{ "plannedStartMonth": "2027-3" }""", "plannedStartMonth" },
        { "POST", "/api/projects", """{ "name": "项目\n二期" }""", "name" },
        { "POST", "/api/leads", """{ "receivedOn": "1999-12-31" }""", "receivedOn" },
        { "POST", "/api/promotion-activities", """{ "kind": "visit", "date": "2101-01-01", "people": "x" }""", "date" },
        { "POST", "/api/workflow-definitions", $$"""{ "id": "long-name", "name": "{{new string('名', 100_000)}}", "activities": [] }""", "$.name" },
        { "POST", "/api/users", $$"""{ "userName": "{{new string('u', 300)}}", "roles": [], "password": "Test-password-1" }""", "userName" },
        { "POST", "/api/teams", """{ "name": "专班\n二", "kind": "serviceSquad", "leadUserName": "squad" }""", "name" },
        { "POST", "/api/chains", """{ "code": "tabbed", "nameZh": "健康\t食品", "nameEn": "x" }""", "nameZh" },
    };

    [Theory]
    [MemberData(nameof(OutOfRangeBodies))]
    public async Task Each_kind_of_value_has_one_range_everywhere(string method, string url, string body, string field)
    {
        var admin = await App.ClientForAsync("admin");
        var mark = App.Logs.Mark();

        using var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = Json(body) });

        Assert.Contains(field, (await ErrorsOf(response)).Select(e => e.Key));
        NothingLoggedAsAnError(mark);
    }

    [Fact]
    public async Task A_projects_investment_problem_and_dates_are_bounded_and_its_problem_owner_must_exist()
    {
        var admin = await App.ClientForAsync("admin");
        var id = await CreateProjectAsync(admin);
        var mark = App.Logs.Mark();

        Assert.True((await ErrorsOf(await admin.PostAsJsonAsync($"/api/projects/{id}/investment", new { month = "0001-01", amount = 5 }))).ContainsKey("month"));
        Assert.True((await ErrorsOf(await admin.PostAsJsonAsync($"/api/projects/{id}/investment", new { month = "2026-01", amount = 5, note = "a\u0000" }))).ContainsKey("$.note"));
        var problem = await ErrorsOf(await admin.PostAsJsonAsync($"/api/projects/{id}/problems",
            new { kind = "land", title = "用地\n指标", owner = "nobody-at-all", dueAt = "9999-12-01T00:00:00+08:00" }));
        Assert.Equal(["dueAt", "owner", "title"], problem.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains("nobody-at-all", problem["owner"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var update = await ErrorsOf(await admin.PutAsJsonAsync($"/api/projects/{id}", new { plannedStartMonth = "0001-01", company = "公\t司" }));
        Assert.Equal(["company", "plannedStartMonth"], update.Select(e => e.Key).Order(StringComparer.Ordinal));

        var raised = await admin.PostAsJsonAsync($"/api/projects/{id}/problems",
            new { kind = "land", title = "用地指标", owner = "SQUAD", dueAt = DateTimeOffset.UtcNow.AddDays(5) });
        Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
        Assert.Equal("squad", (await raised.Content.ReadFromJsonAsync<JsonObject>())!["owner"]!.GetValue<string>());
        NothingLoggedAsAnError(mark);
    }

    [Theory]
    [InlineData("/api/leads")]
    [InlineData("/api/projects")]
    [InlineData("/api/promotion-activities")]
    [InlineData("/api/metrics")]
    public async Task A_year_filter_takes_2000_to_2100_on_every_list(string url)
    {
        var admin = await App.ClientForAsync("admin");

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"{url}?year=2000")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"{url}?year=2100")).StatusCode);
        Assert.True((await ErrorsOf(await admin.GetAsync($"{url}?year=1999"))).ContainsKey("year"));
        Assert.True((await ErrorsOf(await admin.GetAsync($"{url}?year=2101"))).ContainsKey("year"));
    }

    /// <summary>Every GET endpoint that takes page and pageSize, found from the endpoints the host maps.</summary>
    private List<string> PagedLists() =>
        [.. App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true
                && e.Metadata.GetMetadata<MethodInfo>()?.GetParameters().Select(p => p.Name).ToHashSet() is { } names
                && names.Contains("page") && names.Contains("pageSize"))
            .Select(e => "/" + e.RoutePattern.RawText!.Trim('/'))
            .Distinct()];

    [Fact]
    public async Task Every_paged_list_answers_a_page_past_the_end_with_no_items_and_never_wraps_around()
    {
        var lists = PagedLists();
        Assert.Equal(15, lists.Count);
        var admin = await App.ClientForAsync("admin");
        await CreateProjectAsync(admin);
        var mark = App.Logs.Mark();

        foreach (var url in lists)
        {
            using var last = await admin.GetAsync($"{url}?page=2147483647&pageSize=200");
            var body = await last.Content.ReadAsStringAsync();
            Assert.True(last.StatusCode == HttpStatusCode.OK, $"{url}: {(int)last.StatusCode} {body}");
            var page = JsonNode.Parse(body)!.AsObject();
            Assert.True(page["items"]!.AsArray().Count == 0, $"{url} answered page 2147483647 with items: {body}");
            Assert.Equal(2147483647, page["page"]!.GetValue<int>());
            Assert.True((await ErrorsOf(await admin.GetAsync($"{url}?page=0"))).ContainsKey("page"), url);
            Assert.True((await ErrorsOf(await admin.GetAsync($"{url}?pageSize=201"))).ContainsKey("pageSize"), url);
        }
        NothingLoggedAsAnError(mark);
    }

    [Theory]
    [InlineData("/projects?page=abc")]
    [InlineData("/projects?page=2147483647")]
    [InlineData("/projects?page=-3")]
    [InlineData("/projects?leaderId=x")]
    [InlineData("/projects?search=%00")]
    [InlineData("/projects?stage=%0D%0A")]
    [InlineData("/dashboard?year=abc")]
    [InlineData("/dashboard?year=99999999999")]
    [InlineData("/tasks?x=%00")]
    [InlineData("/signin?ReturnUrl=%2F%0D%0ALocation:%20https://evil.example")]
    public async Task A_page_ignores_a_query_value_it_cannot_read(string url)
    {
        var admin = await App.ClientForAsync("admin");
        var mark = App.Logs.Mark();

        using var response = await admin.GetAsync(url);

        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            // A value no page can read is dropped: the same page, without it.
            var location = response.Headers.Location!.OriginalString;
            Assert.StartsWith(url[..url.IndexOf('?', StringComparison.Ordinal)], location, StringComparison.Ordinal);
            Assert.DoesNotContain("%00", location, StringComparison.Ordinal);
            Assert.DoesNotContain("%0D", location, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        NothingLoggedAsAnError(mark);
    }

    [Fact]
    public async Task The_ledger_page_past_the_last_page_lists_no_project()
    {
        var admin = await App.ClientForAsync("admin");
        await CreateProjectAsync(admin);

        var first = await admin.GetStringAsync("/projects");
        var last = await admin.GetStringAsync("/projects?page=2147483647");

        Assert.Contains("漯河测试食品有限公司", first, StringComparison.Ordinal);
        Assert.DoesNotContain("漯河测试食品有限公司", last, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/culture?language=en&returnUrl=/tasks%09")]
    [InlineData("/culture?language=en&returnUrl=%2F%09%2Fevil.example")]
    [InlineData("/culture?language=en&returnUrl=/%0D%0ASet-Cookie:%20x=1")]
    public async Task The_language_switch_ignores_a_return_address_with_control_characters(string url)
    {
        var anonymous = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var mark = App.Logs.Mark();

        using var response = await anonymous.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("evil", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("x=", StringComparison.Ordinal));
        NothingLoggedAsAnError(mark);
    }

    private async Task<HttpResponseMessage> SignInAsync(string userName)
    {
        var browser = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await browser.GetStringAsync("/signin");
        var token = System.Net.WebUtility.HtmlDecode(FormToken().Match(form).Groups[1].Value);
        var field = FieldName().Match(form).Groups[1].Value;
        return await browser.PostAsync("/signin", new FormUrlEncodedContent(
        [
            new("_handler", "signin"),
            new("__RequestVerificationToken", token),
            new(field + ".UserName", userName),
            new(field + ".Password", ButlerApp.Password),
        ]));
    }

    [Fact]
    public async Task A_control_character_in_a_form_post_is_a_400_not_a_500()
    {
        using (var signedIn = await SignInAsync("squad"))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }
        var mark = App.Logs.Mark();

        using var response = await SignInAsync("squad\u0000");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        NothingLoggedAsAnError(mark);
    }

    [System.Text.RegularExpressions.GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex FormToken();

    [System.Text.RegularExpressions.GeneratedRegex("name=\"([^\"]*)\\.UserName\"")]
    private static partial System.Text.RegularExpressions.Regex FieldName();
}

public sealed class SqliteInputApiTests(SqliteApp app) : InputApiTests(app), IClassFixture<SqliteApp>;

[Trait("Category", "Postgres")]
public sealed class PostgresInputApiTests(PostgresApp app) : InputApiTests(app), IClassFixture<PostgresApp>;
