using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Butler.Host.Tests.Support;
using Butler.Workflows.Persistence;
using UglyToad.PdfPig;

namespace Butler.Host.Tests.Api.ApprovalSheets;

/// <summary>
/// 审批单 through the API on a real database: the sheet of a project's run names every decision — who, outcome, comment —
/// in HTML and in a PDF read back with PdfPig, with the project's header and the people's signatures; only those who may
/// read the run get it.
/// </summary>
public abstract class SheetApiTests(ButlerApp app)
{
    /// <summary>A 24×12 RGBA PNG, as the profile page's drawing pad makes them.</summary>
    internal static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAABgAAAAMCAYAAAB4MH11AAAAJElEQVR4nGMQUGj4z4AGqC02dA1HERs1HJ/Y0DV8mMTDkI9kAAnhX/hx1OJBAAAAAElFTkSuQmCC");

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>
    /// A project whose squad filed the policy briefing and proposed a site, which the leader approved: three decisions
    /// by two people, each with a comment.
    /// </summary>
    private async Task<(Guid Project, Guid Run)> DecidedProjectAsync()
    {
        var (leader, squad, _) = await TestOrganisation.CreateAsync(app);
        var leaderClient = await app.ClientForAsync("leader");
        var created = await JsonAsync(await leaderClient.PostAsJsonAsync("/api/projects", new
        {
            name = "年产五万吨休闲食品审批单项目",
            company = "漯河审批单食品有限公司",
            chain = "health-food",
            plannedInvestment = 120_000_000m,
            contractDate = "2026-11-02",
            leaderId = leader,
            squadId = squad,
        }));
        var project = created["project"]!["id"]!.GetValue<Guid>();
        var run = created["pipelineInstanceId"]!.GetValue<Guid>();
        var squadClient = await app.ClientForAsync("squad");
        var inbox = await squadClient.GetFromJsonAsync<JsonObject>("/api/tasks?pageSize=200");
        Guid Task(string activity) => inbox!["items"]!.AsArray().OfType<JsonObject>()
            .Single(t => t["instanceId"]!.GetValue<Guid>() == run && t["activityId"]!.GetValue<string>() == activity)["id"]!.GetValue<Guid>();
        await JsonAsync(await squadClient.PostAsJsonAsync($"/api/tasks/{Task("briefing")}/complete",
            new { outcome = "Done", comment = "已向企业解读土地政策", fields = new { policies = "土地、税收政策" } }));
        await JsonAsync(await squadClient.PostAsJsonAsync($"/api/tasks/{Task("siteSelection")}/complete",
            new { outcome = "Proposed", comment = "建议选用A12地块", fields = new { site = "经开区 A-12 地块", areaMu = 120 } }));
        var approvals = await leaderClient.GetFromJsonAsync<JsonObject>("/api/approvals?status=pending&pageSize=200");
        var approval = approvals!["items"]!.AsArray().OfType<JsonObject>().Single(a => a["instanceId"]!.GetValue<Guid>() == run)["id"]!.GetValue<Guid>();
        await JsonAsync(await leaderClient.PostAsJsonAsync($"/api/approvals/{approval}/decide", new { outcome = "Approve", comment = "同意选址" }));
        return (project, run);
    }

    [Fact]
    public async Task The_html_sheet_names_the_project_and_every_decision_with_who_and_comment_in_the_language_asked()
    {
        var (_, run) = await DecidedProjectAsync();
        var admin = await app.ClientForAsync("admin");

        var response = await admin.GetAsync($"/api/workflow-instances/{run}/sheet?format=html&lang=zh-CN");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        foreach (var expected in new[]
        {
            "审批单", "年产五万吨休闲食品审批单项目", "漯河审批单食品有限公司", "王区长", "1.2 亿元", "盖章处",
            "政策解读", "完成", "已向企业解读土地政策", "提交方案", "建议选用A12地块", "审定选址：漯河审批单食品有限公司", "同意", "同意选址", "服务专班 李明",
            "@media print", "page-break-inside:avoid",
        })
        {
            Assert.Contains(expected, html, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(">Approve<", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">squad<", html, StringComparison.Ordinal);

        var english = await admin.GetStringAsync($"/api/workflow-instances/{run}/sheet?lang=en");
        Assert.Contains("Approval sheet", english, StringComparison.Ordinal);
        Assert.Contains(">Approve<", english, StringComparison.Ordinal);
        Assert.Contains(">Proposed<", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pdf_sheet_embeds_its_chinese_text_and_names_each_decisions_person_and_outcome()
    {
        var (_, run) = await DecidedProjectAsync();
        var squad = await app.ClientForAsync("squad");
        Assert.Equal(HttpStatusCode.NoContent, (await squad.PutAsync("/api/me/signature", PngContent(Png))).StatusCode);

        var response = await (await app.ClientForAsync("leader")).GetAsync($"/api/workflow-instances/{run}/sheet?format=pdf&lang=zh-CN");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var pdf = PdfDocument.Open(bytes);
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));
        foreach (var expected in new[] { "审批单", "年产五万吨休闲食品审批单项目", "王区长", "服务专班李明", "完成", "提交方案", "同意", "同意选址", "已向企业解读土地政策", "盖章处" })
        {
            Assert.Contains(expected, text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
        // The squad member's two steps carry their signature.
        Assert.Equal(2, pdf.GetPages().Sum(p => p.GetImages().Count()));
        // The TrueType font travels in the file (a subset), so it prints on a machine without Chinese fonts.
        Assert.Contains("/FontFile2", System.Text.Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Whoever_may_read_the_run_gets_its_sheet_and_nobody_else()
    {
        var (_, run) = await DecidedProjectAsync();
        var stranger = await TestUsers.CreateAsync(app, "sheet-stranger", "Squad");
        var strangerClient = await app.ClientForAsync(stranger);

        foreach (var user in new[] { "admin", "leader", "squad" })
        {
            Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync(user)).GetAsync($"/api/workflow-instances/{run}/sheet")).StatusCode);
        }
        var forbidden = await strangerClient.GetAsync($"/api/workflow-instances/{run}/sheet?format=pdf");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("instance.noTaskOfYours", (await forbidden.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await strangerClient.GetAsync($"/api/workflow-instances/{run}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/workflow-instances/{run}/sheet")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerClient.GetAsync($"/api/workflow-instances/{Guid.NewGuid()}/sheet")).StatusCode);

        var admin = await app.ClientForAsync("admin");
        var badFormat = await admin.GetAsync($"/api/workflow-instances/{run}/sheet?format=docx");
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        Assert.True((await badFormat.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("format"));
        var badLang = await admin.GetAsync($"/api/workflow-instances/{run}/sheet?lang=fr");
        Assert.Equal(HttpStatusCode.BadRequest, badLang.StatusCode);
        Assert.True((await badLang.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("lang"));
    }

    [Fact]
    public async Task A_signature_is_a_png_of_at_most_200_kb_read_back_and_deleted_by_its_owner()
    {
        var user = await TestUsers.CreateAsync(app, "signer", "Squad");
        var client = await app.ClientForAsync(user);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/me/signature")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync("/api/me/signature", PngContent(Png))).StatusCode);
        var back = await client.GetAsync("/api/me/signature");
        Assert.Equal("image/png", back.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Png, await back.Content.ReadAsByteArrayAsync());

        // Not a PNG, not sent as one, too large: 400 naming the field, in the caller's language; the old one stays.
        var jpeg = await client.PutAsync("/api/me/signature", PngContent([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]));
        Assert.Equal("field.notPng", await FieldCodeAsync(jpeg));
        var asText = new ByteArrayContent(Png);
        asText.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        Assert.Equal("field.fileContentType", await FieldCodeAsync(await client.PutAsync("/api/me/signature", asText)));
        var large = new byte[200 * 1024 + 1];
        Png.CopyTo(large, 0);
        using var tooLarge = new HttpRequestMessage(HttpMethod.Put, "/api/me/signature") { Content = PngContent(large) };
        tooLarge.Headers.AcceptLanguage.ParseAdd("zh-CN");
        var refused = await client.SendAsync(tooLarge);
        Assert.Equal("field.fileTooLarge", await FieldCodeAsync(refused));
        Assert.Contains("文件超过 200 KB", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var exactly = new byte[200 * 1024];
        Png.CopyTo(exactly, 0);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync("/api/me/signature", PngContent(exactly))).StatusCode);
        Assert.Equal(exactly.Length, (await client.GetByteArrayAsync("/api/me/signature")).Length);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/me/signature")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/me/signature")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/me/signature")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PutAsync("/api/me/signature", PngContent(Png))).StatusCode);
    }

    internal static ByteArrayContent PngContent(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }

    private static async Task<string?> FieldCodeAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(body["errors"]!.AsObject().ContainsKey("signature"), body.ToJsonString());
        return body["fields"]?["signature"]?["code"]?.GetValue<string>();
    }
}

public sealed class SqliteSheetApiTests(SqliteApp app) : SheetApiTests(app), IClassFixture<SqliteApp>;

[Trait("Category", "Postgres")]
public sealed class PostgresSheetApiTests(PostgresApp app) : SheetApiTests(app), IClassFixture<PostgresApp>;

/// <summary>Without a CJK font the PDF sheet is a 503 that says so in both languages; the HTML sheet still works.</summary>
public sealed class SheetWithoutFontTests
{
    [Fact]
    public async Task Without_a_font_the_pdf_is_503_with_a_problem_and_the_html_still_works()
    {
        using var app = new ButlerApp(DatabaseProvider.Sqlite, null).With("Butler:Sheet:FontFile", "/nonexistent/no-font.ttf");
        var (taskId, run) = await TestTasks.OpenSquadTaskAsync(app, "sheet-font");
        var admin = await app.ClientForAsync("admin");

        var pdf = await admin.GetAsync($"/api/workflow-instances/{run}/sheet?format=pdf&lang=en");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, pdf.StatusCode);
        var problem = (await pdf.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("sheet.fontMissing", problem["code"]!.GetValue<string>());
        using var chinese = new HttpRequestMessage(HttpMethod.Get, $"/api/workflow-instances/{run}/sheet?format=pdf");
        chinese.Headers.AcceptLanguage.ParseAdd("zh-CN");
        Assert.Contains("中文字体", await (await admin.SendAsync(chinese)).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/workflow-instances/{run}/sheet?format=html")).StatusCode);
        Assert.NotEqual(Guid.Empty, taskId);
    }
}
