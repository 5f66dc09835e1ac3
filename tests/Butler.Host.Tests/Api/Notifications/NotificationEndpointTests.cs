using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Butler.Host.Tests.Support;
using Butler.Workflows.Notifications;
using Butler.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Butler.Host.Tests.Api.Notifications;

/// <summary>The bell: each signed-in user sees and marks only their own notifications.</summary>
public sealed class NotificationEndpointTests(SqliteApp app) : IClassFixture<SqliteApp>, IAsyncLifetime
{
    private static readonly DateTimeOffset Epoch = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        await using var db = await CreateDbContextAsync();
        await db.Notifications.ExecuteDeleteAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<ButlerDbContext> CreateDbContextAsync() =>
        app.Services.GetRequiredService<IDbContextFactory<ButlerDbContext>>().CreateDbContextAsync();

    private async Task<Guid> SeedAsync(string userName, string title, int minutes, bool read = false)
    {
        var notification = new Notification
        {
            Id = Guid.NewGuid(),
            DedupKey = $"test:{Guid.NewGuid():N}:{userName}:app",
            UserName = userName,
            Kind = nameof(NotificationKind.ApprovalRequested),
            Title = title,
            Body = "body of " + title,
            Link = "/approvals/1",
            InstanceId = Guid.NewGuid(),
            ApprovalId = Guid.NewGuid(),
            CreatedAt = Epoch.AddMinutes(minutes),
            ReadAt = read ? Epoch.AddMinutes(minutes + 1) : null,
        };
        await using var db = await CreateDbContextAsync();
        db.Notifications.Add(notification);
        await db.SaveChangesAsync();
        return notification.Id;
    }

    [Fact]
    public async Task A_user_lists_only_their_own_notifications_newest_first()
    {
        await SeedAsync("squad", "older", 1);
        await SeedAsync("squad", "newer", 2, read: true);
        await SeedAsync("leader", "the leader's", 3);

        var body = await (await app.ClientForAsync("squad")).GetFromJsonAsync<JsonObject>("/api/notifications");

        Assert.Equal(["newer", "older"], body!["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>()));
        Assert.Equal((2, 1, 50, 1), (body["total"]!.GetValue<int>(), body["page"]!.GetValue<int>(), body["pageSize"]!.GetValue<int>(),
            body["unreadCount"]!.GetValue<int>()));
        var first = body["items"]![0]!;
        Assert.Equal("approvalRequested", first["kind"]!.GetValue<string>());
        Assert.Equal("body of newer", first["body"]!.GetValue<string>());
        Assert.Equal("/approvals/1", first["link"]!.GetValue<string>());
        Assert.NotNull(first["readAt"]);
        Assert.Null(body["items"]![1]!["readAt"]);
    }

    [Fact]
    public async Task Unread_true_lists_only_the_unread_ones_and_pages_like_every_list()
    {
        for (var i = 0; i < 5; i++)
        {
            await SeedAsync("squad", $"unread {i}", i);
        }
        await SeedAsync("squad", "read", 10, read: true);
        var client = await app.ClientForAsync("squad");

        var page = await client.GetFromJsonAsync<JsonObject>("/api/notifications?unread=true&page=2&pageSize=2");

        Assert.Equal(["unread 2", "unread 1"], page!["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>()));
        Assert.Equal((5, 5), (page["total"]!.GetValue<int>(), page["unreadCount"]!.GetValue<int>()));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/notifications?pageSize=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/notifications?unread=maybe")).StatusCode);
    }

    [Fact]
    public async Task Marking_read_stamps_the_time_once_and_a_second_time_changes_nothing()
    {
        var id = await SeedAsync("squad", "to read", 1);
        var client = await app.ClientForAsync("squad");

        var first = await client.PostAsync($"/api/notifications/{id}/read", null);
        var second = await client.PostAsync($"/api/notifications/{id}/read", null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var readAt = (await first.Content.ReadFromJsonAsync<JsonObject>())!["readAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(readAt, (await second.Content.ReadFromJsonAsync<JsonObject>())!["readAt"]!.GetValue<DateTimeOffset>());
        await using var db = await CreateDbContextAsync();
        Assert.Equal(readAt, (await db.Notifications.SingleAsync(n => n.Id == id)).ReadAt);
        var list = await client.GetFromJsonAsync<JsonObject>("/api/notifications?unread=true");
        Assert.Equal(0, list!["unreadCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Someone_elses_notification_is_404_like_an_unknown_one_and_stays_unread()
    {
        var leaders = await SeedAsync("leader", "the leader's", 1);
        var client = await app.ClientForAsync("squad");

        var foreign = await client.PostAsync($"/api/notifications/{leaders}/read", null);
        var unknown = await client.PostAsync($"/api/notifications/{Guid.NewGuid()}/read", null);

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await using var db = await CreateDbContextAsync();
        Assert.Null((await db.Notifications.SingleAsync(n => n.Id == leaders)).ReadAt);
    }

    [Fact]
    public async Task Mark_all_read_marks_only_the_callers_unread_notifications()
    {
        var mine = await SeedAsync("squad", "mine", 1);
        var mineToo = await SeedAsync("squad", "mine too", 2);
        var alreadyRead = await SeedAsync("squad", "already read", 3, read: true);
        var leaders = await SeedAsync("leader", "the leader's", 4);
        var client = await app.ClientForAsync("squad");

        var response = await client.PostAsync("/api/notifications/read-all", null);
        var again = await client.PostAsync("/api/notifications/read-all", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<JsonObject>())!["marked"]!.GetValue<int>());
        Assert.Equal(0, (await again.Content.ReadFromJsonAsync<JsonObject>())!["marked"]!.GetValue<int>());
        await using var db = await CreateDbContextAsync();
        var readAt = await db.Notifications.Where(n => new[] { mine, mineToo, alreadyRead, leaders }.Contains(n.Id)).ToDictionaryAsync(n => n.Id, n => n.ReadAt);
        Assert.NotNull(readAt[mine]);
        Assert.NotNull(readAt[mineToo]);
        Assert.Equal(Epoch.AddMinutes(4), readAt[alreadyRead]);
        Assert.Null(readAt[leaders]);
        var list = await client.GetFromJsonAsync<JsonObject>("/api/notifications");
        Assert.Equal(0, list!["unreadCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Recipients_come_from_the_user_store_with_their_language_and_address()
    {
        var directory = app.Services.GetRequiredService<IUserDirectory>();

        var recipients = await directory.ResolveAsync(
            [new RecipientSpec("squad", null), new RecipientSpec(null, "Leader"), new RecipientSpec("leader", null), new RecipientSpec("nobody", "NoSuchRole")],
            CancellationToken.None);

        Assert.Equal(["leader", "squad"], recipients.Select(r => r.UserName).Order());
        var squad = recipients.Single(r => r.UserName == "squad");
        Assert.Equal(("服务专班 李明", "squad@butler.example", "zh-CN"), (squad.DisplayName, squad.Email, squad.Language));
    }

    [Fact]
    public void Without_an_smtp_host_mail_goes_to_the_mail_folder_in_the_data_directory()
    {
        var transport = Assert.IsType<PickupFolderTransport>(app.Services.GetRequiredService<IMailTransport>());

        Assert.Equal(Path.Combine(app.DataDirectory, "mail"), transport.Folder);
        Assert.NotNull(app.Services.GetRequiredService<OutboxDispatcher>());
    }
}
