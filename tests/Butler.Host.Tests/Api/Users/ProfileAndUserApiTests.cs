using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Butler.Host.Tests.Support;
using Butler.Workflows.Notifications;
using Butler.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Butler.Host.Tests.Api.Users;

/// <summary>/api/me for one's own profile and /api/users for administrators, over real HTTP on SQLite.</summary>
public sealed class ProfileAndUserApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string StrongPassword = "Another-pass-9";

    private static async Task<JsonObject> BodyAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    private static async Task<string[]> ErrorFieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return [.. (await BodyAsync(response))["errors"]!.AsObject().Select(e => e.Key)];
    }

    private async Task<HttpClient> NewUserClientAsync(string role = "Squad")
    {
        var admin = await app.ClientForAsync("admin");
        var name = "u" + Guid.NewGuid().ToString("N")[..10];
        var created = await admin.PostAsJsonAsync("/api/users", new { userName = name, displayName = "测试", email = $"{name}@example.cn", roles = new[] { role }, password = ButlerApp.Password });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return await app.ClientForAsync(name);
    }

    [Fact]
    public async Task My_profile_shows_my_details_and_takes_every_e_mail_by_default()
    {
        var me = await BodyAsync(await (await app.ClientForAsync("leader")).GetAsync("/api/me"));

        Assert.Equal("leader", me["userName"]!.GetValue<string>());
        Assert.Equal("leader@butler.example", me["email"]!.GetValue<string>());
        Assert.Equal(["Leader"], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.True(me["mail"]!["reminders"]!.GetValue<bool>());
        Assert.True(me["mail"]!["approvalRequests"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Changing_my_profile_saves_name_language_e_mail_and_preferences_and_leaves_out_fields_alone()
    {
        var client = await NewUserClientAsync();

        var saved = await client.PutAsJsonAsync("/api/me", new { displayName = "李明", language = "en", mail = new { reminders = false, escalations = true, approvalRequests = false } });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var me = await BodyAsync(await client.GetAsync("/api/me"));
        Assert.Equal(("李明", "en"), (me["displayName"]!.GetValue<string>(), me["language"]!.GetValue<string>()));
        Assert.EndsWith("@example.cn", me["email"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal((false, true, false), (me["mail"]!["reminders"]!.GetValue<bool>(), me["mail"]!["escalations"]!.GetValue<bool>(), me["mail"]!["approvalRequests"]!.GetValue<bool>()));
    }

    [Theory]
    [InlineData("""{"email":"not an address"}""", "email")]
    [InlineData("""{"email":"li@localhost"}""", "email")]
    [InlineData("""{"language":"fr"}""", "language")]
    public async Task A_bad_profile_field_is_a_400_naming_it_and_nothing_is_saved(string json, string field)
    {
        var client = await NewUserClientAsync();
        var before = await BodyAsync(await client.GetAsync("/api/me"));

        var response = await client.PutAsync("/api/me", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal([field], await ErrorFieldsAsync(response));
        Assert.Equal(before.ToJsonString(), (await BodyAsync(await client.GetAsync("/api/me"))).ToJsonString());
    }

    [Fact]
    public async Task Changing_my_password_needs_the_current_one_and_a_strong_new_one()
    {
        var client = await NewUserClientAsync();
        var me = (await BodyAsync(await client.GetAsync("/api/me")))["userName"]!.GetValue<string>();

        Assert.Equal(["currentPassword"], await ErrorFieldsAsync(await client.PostAsJsonAsync("/api/me/password", new { currentPassword = "wrong-Pass-1", newPassword = StrongPassword })));
        Assert.Equal(["newPassword"], await ErrorFieldsAsync(await client.PostAsJsonAsync("/api/me/password", new { currentPassword = ButlerApp.Password, newPassword = "short" })));
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/me/password", new { currentPassword = ButlerApp.Password, newPassword = StrongPassword })).StatusCode);

        var token = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = me, password = StrongPassword });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    [Fact]
    public async Task An_administrator_creates_a_user_who_can_then_sign_in_with_the_roles_given()
    {
        var admin = await app.ClientForAsync("admin");
        var name = "new" + Guid.NewGuid().ToString("N")[..8];

        var created = await admin.PostAsJsonAsync("/api/users", new { userName = name, displayName = "新同事", email = "", roles = new[] { "leader" }, password = StrongPassword });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = await BodyAsync(created);
        Assert.Equal(["Leader"], user["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Null(user["email"]);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = name, password = StrongPassword })).StatusCode);
        var found = await BodyAsync(await admin.GetAsync($"/api/users?search={name[..6].ToUpperInvariant()}"));
        Assert.Contains(found["items"]!.AsArray(), u => u!["userName"]!.GetValue<string>() == name);
    }

    [Fact]
    public async Task Creating_a_user_with_a_taken_name_a_weak_password_or_an_unknown_role_is_a_400_naming_the_field()
    {
        var admin = await app.ClientForAsync("admin");

        Assert.Equal(["userName"], await ErrorFieldsAsync(await admin.PostAsJsonAsync("/api/users", new { userName = "squad", roles = new[] { "Squad" }, password = StrongPassword })));
        Assert.Equal(["password"], await ErrorFieldsAsync(await admin.PostAsJsonAsync("/api/users", new { userName = "weak" + Guid.NewGuid().ToString("N")[..6], roles = Array.Empty<string>(), password = "abcdefgh" })));
        Assert.Equal(["roles[1]"], await ErrorFieldsAsync(await admin.PostAsJsonAsync("/api/users", new { userName = "role" + Guid.NewGuid().ToString("N")[..6], roles = new[] { "Squad", "Mayor" }, password = StrongPassword })));
    }

    [Fact]
    public async Task Roles_lock_unlock_and_password_reset_take_effect_at_once()
    {
        var admin = await app.ClientForAsync("admin");
        var client = await NewUserClientAsync();
        var name = (await BodyAsync(await client.GetAsync("/api/me")))["userName"]!.GetValue<string>();

        var updated = await admin.PutAsJsonAsync($"/api/users/{name}", new { roles = new[] { "Leader", "Squad" } });
        Assert.Equal(["Leader", "Squad"], (await BodyAsync(updated))["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(["roles[0]"], await ErrorFieldsAsync(await admin.PutAsJsonAsync($"/api/users/{name}", new { roles = new[] { "Boss" } })));

        Assert.True((await BodyAsync(await admin.PostAsync($"/api/users/{name}/lock", null)))["lockedOut"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = name, password = ButlerApp.Password })).StatusCode);
        Assert.False((await BodyAsync(await admin.PostAsync($"/api/users/{name}/unlock", null)))["lockedOut"]!.GetValue<bool>());

        Assert.Equal(["newPassword"], await ErrorFieldsAsync(await admin.PostAsJsonAsync($"/api/users/{name}/reset-password", new { newPassword = "weak" })));
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = name, password = ButlerApp.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/users/{name}/reset-password", new { newPassword = StrongPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = name, password = StrongPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/users/nobody-here/lock", null)).StatusCode);
    }

    [Fact]
    public async Task An_administrator_can_neither_lock_themselves_nor_drop_their_own_admin_role()
    {
        var admin = await app.ClientForAsync("admin");

        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync("/api/users/admin/lock", null)).StatusCode);
        Assert.Equal(["roles"], await ErrorFieldsAsync(await admin.PutAsJsonAsync("/api/users/admin", new { roles = new[] { "Leader" } })));
        Assert.Contains("Admin", (await BodyAsync(await admin.GetAsync("/api/users/admin")))["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task Someone_who_turned_reminder_mail_off_gets_the_reminder_in_the_app_but_no_e_mail_while_escalations_still_mail()
    {
        var client = await NewUserClientAsync();
        var name = (await BodyAsync(await client.GetAsync("/api/me")))["userName"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/me", new { mail = new { reminders = false, escalations = true, approvalRequests = true } })).StatusCode);

        // The path the runner takes for every notification: the user directory names the recipient, the outbox writer stores the effects.
        var directory = app.Services.GetRequiredService<IUserDirectory>();
        var writer = app.Services.GetRequiredService<OutboxWriter>();
        var recipient = Assert.Single(await directory.ResolveAsync([new RecipientSpec(name, null)], CancellationToken.None));
        var instanceId = Guid.NewGuid();
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<ButlerDbContext>>().CreateDbContextAsync())
        {
            var now = DateTimeOffset.UtcNow;
            await writer.AddAsync(db, recipient, new NotificationModel(NotificationKind.Reminder, "代办许可证", instanceId, DueAt: now.AddDays(1)), $"reminder:{instanceId}", now, null);
            await writer.AddAsync(db, recipient, new NotificationModel(NotificationKind.Escalation, "代办许可证", instanceId, OverdueWorkingDays: 1), $"escalation:{instanceId}", now, null);
            await db.SaveChangesAsync();
        }

        await using var check = await app.Services.GetRequiredService<IDbContextFactory<ButlerDbContext>>().CreateDbContextAsync();
        var inApp = await check.Notifications.Where(n => n.UserName == name).Select(n => n.Kind).ToListAsync();
        Assert.Equal(["Escalation", "Reminder"], inApp.Order(StringComparer.Ordinal));
        var mails = await check.Outbox.Where(m => m.Recipient == $"{name}@example.cn").Select(m => m.DedupKey).ToListAsync();
        Assert.Equal([$"escalation:{instanceId}:{name}:mail"], mails);
    }

    [Fact]
    public async Task Retrying_an_instance_that_is_not_faulted_is_409_and_an_unknown_one_404()
    {
        var admin = await app.ClientForAsync("admin");
        var id = "retry-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/workflow-definitions", new StringContent(Support.Definitions.WaitForSignal(id), Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/workflow-definitions/{id}/publish", null)).StatusCode);
        var instance = (await BodyAsync(await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = id })))["id"]!.GetValue<Guid>();

        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/workflow-instances/{instance}/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/workflow-instances/{Guid.NewGuid()}/retry", null)).StatusCode);
    }

    [Fact]
    public async Task My_common_comments_start_from_the_defaults_in_my_language_and_are_mine_to_replace()
    {
        var me = await NewUserClientAsync();
        using (var chinese = new HttpRequestMessage(HttpMethod.Get, "/api/me/phrases"))
        {
            chinese.Headers.AcceptLanguage.ParseAdd("zh-CN");
            var defaults = await BodyAsync(await me.SendAsync(chinese));
            Assert.Contains("同意", defaults["phrases"]!.AsArray().Select(p => p!.GetValue<string>()));
        }

        var saved = await me.PutAsJsonAsync("/api/me/phrases", new { phrases = new[] { " 材料齐全，同意 ", "请补充营业执照", "材料齐全，同意" } });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(["材料齐全，同意", "请补充营业执照"], (await BodyAsync(saved))["phrases"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal(["材料齐全，同意", "请补充营业执照"], (await me.GetFromJsonAsync<JsonObject>("/api/me/phrases"))!["phrases"]!.AsArray().Select(p => p!.GetValue<string>()));
        // Another person's phrases are theirs.
        Assert.DoesNotContain("请补充营业执照", (await (await app.ClientForAsync("leader")).GetFromJsonAsync<JsonObject>("/api/me/phrases"))!["phrases"]!.AsArray().Select(p => p!.GetValue<string>()));

        Assert.Equal(["phrases[1]"], await ErrorFieldsAsync(await me.PutAsJsonAsync("/api/me/phrases", new { phrases = new[] { "好", " ", "行" } })));
        Assert.Equal(["phrases[0]"], await ErrorFieldsAsync(await me.PutAsJsonAsync("/api/me/phrases", new { phrases = new[] { new string('长', 201) } })));
        Assert.Equal(["phrases[0]"], await ErrorFieldsAsync(await me.PutAsJsonAsync("/api/me/phrases", new { phrases = new[] { "两行\n意见" } })));
        var tooMany = await me.PutAsJsonAsync("/api/me/phrases", new { phrases = Enumerable.Range(1, 31).Select(i => $"意见 {i}").ToArray() });
        Assert.Equal(["phrases"], await ErrorFieldsAsync(tooMany));
        Assert.Equal(["phrases"], await ErrorFieldsAsync(await me.PutAsJsonAsync("/api/me/phrases", new { })));
        // Refusals changed nothing; an empty list offers none.
        Assert.Equal(2, (await me.GetFromJsonAsync<JsonObject>("/api/me/phrases"))!["phrases"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.OK, (await me.PutAsJsonAsync("/api/me/phrases", new { phrases = Array.Empty<string>() })).StatusCode);
        Assert.Empty((await me.GetFromJsonAsync<JsonObject>("/api/me/phrases"))!["phrases"]!.AsArray());
    }
}
