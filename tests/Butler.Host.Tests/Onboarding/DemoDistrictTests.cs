using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Butler.Host.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Butler.Host.Tests.Onboarding;

/// <summary>
/// The demo district must reproduce the report's 2025 figures from its records, and give every screen something real:
/// projects in all three lights and a pending escalation for the demo leader. On every database the host runs on.
/// </summary>
public abstract class DemoDistrictTests(ButlerApp app)
{
    [Fact]
    public async Task The_2025_figures_are_the_reports_computed_from_the_seeded_records()
    {
        var leader = await app.ClientForAsync("leader");

        var m = await leader.GetFromJsonAsync<JsonObject>("/api/metrics?year=2025");

        Assert.Equal(18, m!["signedProjects"]!.GetValue<int>());
        Assert.Equal(3.0e9m, m["signedInvestment"]!.GetValue<decimal>());
        Assert.Equal(1.0, m["fulfilmentRate"]!.GetValue<double>());
        Assert.Equal(13.0 / 18, m["commencementRate"]!.GetValue<double>(), 9);
        Assert.True(m["commencementRate"]!.GetValue<double>() > 0.72);
        Assert.Equal(2.3e9m, m["investmentCompleted"]!.GetValue<decimal>());
        Assert.Equal(200, m["leads"]!.GetValue<int>());
        Assert.Equal(70, m["deepNegotiations"]!.GetValue<int>());
        Assert.Equal(180, m["receptions"]!.GetValue<int>());
        Assert.Equal(20, m["trips"]!.GetValue<int>());
        Assert.True(m["visits"]!.GetValue<int>() >= 100);
        Assert.Equal(13, m["highTechProjects"]!.GetValue<int>());
        Assert.Equal(10, m["chainGapFillingProjects"]!.GetValue<int>());
        Assert.True(m["medianWorkingDaysLeadToSigned"]!.GetValue<double>() > 0);
        Assert.Equal(3, m["byChain"]!.AsArray().Count);
        Assert.Equal(3.0e9m, m["byChain"]!.AsArray().Sum(c => c!["signedInvestment"]!.GetValue<decimal>()));
    }

    [Fact]
    public async Task The_figures_are_for_leaders_and_admins_only_and_a_bad_year_is_a_400_naming_it()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync("squad")).GetAsync("/api/metrics?year=2025")).StatusCode);
        var admin = await app.ClientForAsync("admin");
        var bad = await admin.GetAsync("/api/metrics?year=1900");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("year"));
        // 2026 is counted from its own records: the six demo projects signed this year.
        var now = await admin.GetFromJsonAsync<JsonObject>("/api/metrics?year=2026");
        Assert.Equal(6, now!["signedProjects"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_2026_projects_show_red_yellow_and_green_and_the_leader_gets_a_pending_escalation()
    {
        var leader = await app.ClientForAsync("leader");
        var list = await leader.GetFromJsonAsync<JsonObject>("/api/projects?year=2026&pageSize=200");
        var lights = list!["items"]!.AsArray().Select(p => p!["light"]!.GetValue<string>()).ToList();
        Assert.Contains("red", lights);
        Assert.Contains("yellow", lights);
        Assert.Contains("green", lights);
        var reds = await leader.GetFromJsonAsync<JsonObject>("/api/projects?light=red&pageSize=200");
        Assert.All(reds!["items"]!.AsArray(), p => Assert.Equal("red", p!["light"]!.GetValue<string>()));

        // The late project's escalation timers fire through Hangfire's sweep after start.
        await Eventually.TrueAsync(async () =>
        {
            var approvals = await leader.GetFromJsonAsync<JsonObject>("/api/approvals?status=pending");
            return approvals!["items"]!.AsArray().Count > 0;
        }, TimeSpan.FromSeconds(120));
    }

    [Fact]
    public async Task A_squad_member_sees_only_their_squads_projects()
    {
        var healthFood = await (await app.ClientForAsync("squad")).GetFromJsonAsync<JsonObject>("/api/projects?pageSize=200");
        var biomedicine = await (await app.ClientForAsync("squad3")).GetFromJsonAsync<JsonObject>("/api/projects?pageSize=200");
        var all = await (await app.ClientForAsync("admin")).GetFromJsonAsync<JsonObject>("/api/projects?pageSize=200");

        Assert.Equal(24, all!["total"]!.GetValue<int>());
        Assert.All(healthFood!["items"]!.AsArray(), p => Assert.Equal("health-food", p!["chain"]!.GetValue<string>()));
        Assert.All(biomedicine!["items"]!.AsArray(), p => Assert.Equal("biomedicine", p!["chain"]!.GetValue<string>()));
        Assert.True(healthFood["total"]!.GetValue<int>() > 0 && biomedicine["total"]!.GetValue<int>() > 0);
        var foreign = healthFood["items"]![0]!["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync("squad3")).GetAsync($"/api/projects/{foreign}")).StatusCode);
    }

    [Fact]
    public async Task The_ledger_exports_as_csv_and_xlsx_with_headers_in_the_callers_language()
    {
        var admin = await app.ClientForAsync("admin");

        var csv = await admin.GetAsync("/api/projects/export?format=csv&year=2025&lang=en");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("\"Project\",\"Company\",\"Industry chain\"", lines[0], StringComparison.Ordinal);
        Assert.Equal(19, lines.Length);

        using var zh = new HttpRequestMessage(HttpMethod.Get, "/api/projects/export?format=xlsx&year=2025");
        zh.Headers.AcceptLanguage.ParseAdd("zh-CN,zh;q=0.9");
        var xlsx = await admin.SendAsync(zh);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<Row>().ToList();
        Assert.Equal(19, rows.Count);
        Assert.Equal("项目名称", rows[0].Elements<Cell>().First().InlineString!.InnerText);
        var invested = rows.Skip(1).Sum(r => decimal.Parse(r.Elements<Cell>().ElementAt(3).CellValue!.Text, CultureInfo.InvariantCulture));
        Assert.Equal(3.0e9m, invested);

        var bad = await admin.GetAsync("/api/projects/export?format=pdf");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task A_project_page_has_its_team_problems_investment_timeline_and_open_tasks()
    {
        var admin = await app.ClientForAsync("admin");
        var list = await admin.GetFromJsonAsync<JsonObject>("/api/projects?year=2026&stage=construction");
        var id = Assert.Single(list!["items"]!.AsArray())!["id"]!.GetValue<Guid>();

        var detail = await admin.GetFromJsonAsync<JsonObject>($"/api/projects/{id}");

        Assert.Equal("construction", detail!["project"]!["stage"]!.GetValue<string>());
        Assert.NotEmpty(detail["team"]!["members"]!.AsArray());
        Assert.Single(detail["problems"]!.AsArray());
        Assert.NotEmpty(detail["investment"]!.AsArray());
        var kinds = detail["timeline"]!.AsArray().Select(t => t!["kind"]!.GetValue<string>()).ToList();
        Assert.Contains("created", kinds);
        Assert.Contains("stageChanged", kinds);
        Assert.Contains("taskCompleted", kinds);
        Assert.Contains("approvalDecided", kinds);
        Assert.Contains("problemRaised", kinds);
        // The problem's own run carries the one open task, for its owner.
        Assert.Contains(detail["openTasks"]!.AsArray(), t => t!["assigneeUser"]?.GetValue<string>() == "squad");
    }
}

public sealed class SqliteDemoDistrictTests(DemoDistrictApp app) : DemoDistrictTests(app), IClassFixture<DemoDistrictApp>;

public sealed class PostgresDemoDistrictTests(PostgresDemoDistrictApp app) : DemoDistrictTests(app), IClassFixture<PostgresDemoDistrictApp>;
