using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Butler.Host.Tests.Support;

namespace Butler.Host.Tests.Api.Calendars;

/// <summary>The working-day calendar over HTTP: admins edit calendars, anyone signed in asks when something is due.</summary>
public sealed class CalendarApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string FridayAfternoon = "2026-09-18T15:00:00%2B08:00";

    private static string NewId() => $"test-{Guid.NewGuid():N}"[..20];

    private static async Task<JsonObject> DueAsync(HttpClient client, string calendar, string from, string duration)
    {
        var response = await client.GetAsync($"/api/calendars/{calendar}/due?from={from}&duration={duration}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<JsonObject> ErrorsOfAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
    }

    [Fact]
    public async Task Three_working_days_from_Friday_afternoon_are_due_Tuesday_evening_for_any_signed_in_user()
    {
        var squad = await app.ClientForAsync("squad");

        var body = await DueAsync(squad, "cn", FridayAfternoon, "3wd");

        Assert.Equal(new DateTimeOffset(2026, 9, 22, 18, 0, 0, TimeSpan.FromHours(8)), body["due"]!.GetValue<DateTimeOffset>());
        Assert.Equal("2026-09-22T18:00:00+08:00", body["due"]!.GetValue<string>());
        Assert.Empty(body["calendarYearsMissing"]!.AsArray());
    }

    [Fact]
    public async Task Three_working_days_from_the_eve_of_National_Day_are_due_on_the_adjusted_Saturday()
    {
        var squad = await app.ClientForAsync("squad");

        var body = await DueAsync(squad, "cn", "2026-09-30T02:00:00Z", "3wd");

        Assert.Equal(new DateTimeOffset(2026, 10, 10, 18, 0, 0, TimeSpan.FromHours(8)), body["due"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task A_deadline_in_a_year_without_an_arrangement_says_so()
    {
        var squad = await app.ClientForAsync("squad");

        var body = await DueAsync(squad, "cn", "2026-12-30T10:00:00%2B08:00", "3wd");

        Assert.Equal([2027], body["calendarYearsMissing"]!.AsArray().Select(n => n!.GetValue<int>()));
    }

    [Theory]
    [InlineData("from=2026-09-18T15:00:00&duration=3wd", "from")]
    [InlineData("from=2026-09-18T15:00:00+08:00&duration=3wd", "from")]
    [InlineData("from=tomorrow&duration=3wd", "from")]
    [InlineData("duration=3wd", "from")]
    [InlineData("from=2026-09-18T15:00:00Z&duration=3d", "duration")]
    [InlineData("from=2026-09-18T15:00:00Z&duration=P1M", "duration")]
    [InlineData("from=2026-09-18T15:00:00Z", "duration")]
    public async Task A_due_query_that_does_not_parse_is_400_naming_the_parameter(string query, string field)
    {
        var squad = await app.ClientForAsync("squad");

        var errors = await ErrorsOfAsync(await squad.GetAsync($"/api/calendars/cn/due?{query}"));

        Assert.Equal([field], errors.Select(e => e.Key));
    }

    [Fact]
    public async Task A_due_query_on_an_unknown_calendar_is_404()
    {
        var squad = await app.ClientForAsync("squad");

        var response = await squad.GetAsync($"/api/calendars/nowhere/due?from={FridayAfternoon}&duration=3wd");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_admin_lists_and_reads_the_shipped_calendar()
    {
        var admin = await app.ClientForAsync("admin");

        var list = await admin.GetFromJsonAsync<JsonObject>("/api/calendars");
        var cn = await admin.GetFromJsonAsync<JsonObject>("/api/calendars/cn");

        Assert.Contains(list!["items"]!.AsArray(), c => c!["id"]!.GetValue<string>() == "cn");
        Assert.Equal([2025, 2026], cn!["years"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Contains(cn["days"]!.AsArray(), d => d!["date"]!.GetValue<string>() == "2026-09-20" && !d["isOffDay"]!.GetValue<bool>());
        Assert.NotNull(cn["updatedAt"]);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/calendars/nowhere")).StatusCode);
    }

    [Fact]
    public async Task An_admins_edit_shows_in_the_next_due_computation()
    {
        var admin = await app.ClientForAsync("admin");
        var squad = await app.ClientForAsync("squad");
        var cn = (await admin.GetFromJsonAsync<JsonObject>("/api/calendars/cn"))!;
        var id = NewId();
        var days = cn["days"]!.DeepClone().AsArray();
        days.Add(new JsonObject { ["date"] = "2026-09-21", ["isOffDay"] = true, ["name"] = "台风停工" });

        var created = await admin.PutAsJsonAsync($"/api/calendars/{id}", new { name = "District", years = cn["years"], days });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(new DateTimeOffset(2026, 9, 23, 18, 0, 0, TimeSpan.FromHours(8)),
            (await DueAsync(squad, id, FridayAfternoon, "3wd"))["due"]!.GetValue<DateTimeOffset>());

        var replaced = await admin.PutAsJsonAsync($"/api/calendars/{id}", new { name = "District", years = cn["years"], days = cn["days"], revision = 1 });

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(2, (await replaced.Content.ReadFromJsonAsync<JsonObject>())!["revision"]!.GetValue<int>());
        Assert.Equal(new DateTimeOffset(2026, 9, 22, 18, 0, 0, TimeSpan.FromHours(8)),
            (await DueAsync(squad, id, FridayAfternoon, "3wd"))["due"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task An_invalid_calendar_is_400_naming_the_field_and_a_stale_revision_is_409()
    {
        var admin = await app.ClientForAsync("admin");
        var id = NewId();

        var invalid = await admin.PutAsJsonAsync($"/api/calendars/{id}", new
        {
            name = "District",
            years = new[] { 2026 },
            days = new object[] { new { date = "2026-10-01", isOffDay = true, name = "国庆节" }, new { date = "2026-13-01", isOffDay = true, name = "?" } },
        });
        var errors = await ErrorsOfAsync(invalid);
        Assert.Equal(["days[1].date"], errors.Select(e => e.Key));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/calendars/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync($"/api/calendars/{id}", new { name = "District", years = Array.Empty<int>(), days = Array.Empty<object>() })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/calendars/{id}", new { name = "Renamed", years = Array.Empty<int>(), days = Array.Empty<object>(), revision = 1 })).StatusCode);
        var stale = await admin.PutAsJsonAsync($"/api/calendars/{id}", new { name = "Late", years = Array.Empty<int>(), days = Array.Empty<object>(), revision = 1 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
    }

    [Fact]
    public async Task Only_admins_edit_calendars()
    {
        var leader = await app.ClientForAsync("leader");

        var response = await leader.PutAsJsonAsync("/api/calendars/cn", new { name = "Mine", years = Array.Empty<int>(), days = Array.Empty<object>() });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
