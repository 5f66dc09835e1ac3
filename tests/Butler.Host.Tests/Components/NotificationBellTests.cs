using Bunit;
using Butler.Host.Api.Notifications;
using Butler.Host.Components.Live;
using Butler.Host.Components.Notifications;
using Butler.Host.Tests.Support;
using Butler.Workflows.Calendar;
using Butler.Workflows.Notifications;
using Butler.Workflows.Persistence;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace Butler.Host.Tests.Components;

/// <summary>The bell over a real SQLite database: its count, marking read, and the count following the database.</summary>
public sealed class NotificationBellTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Now);

    // Each test has its own user, so tests sharing the database never see each other's notifications.
    private readonly string _user = $"bell-{Guid.NewGuid():N}"[..13];

    private IDbContextFactory<ButlerDbContext> Databases => app.Services.GetRequiredService<IDbContextFactory<ButlerDbContext>>();

    private BunitContext NewContext(bool interactive = true)
    {
        var context = MudTestContext.New();
        context.Services.AddSingleton(Databases);
        context.Services.AddSingleton<TimeProvider>(_time);
        context.Services.AddSingleton(Options.Create(new CalendarOptions()));
        context.Services.AddSingleton(Options.Create(new LiveRefreshOptions { LiveRefreshSeconds = 1 }));
        context.Services.AddScoped<NotificationInbox>();
        context.AddAuthorization().SetAuthorized(_user);
        context.SetRendererInfo(new RendererInfo("Server", interactive));
        return context;
    }

    private async Task<Guid> SeedAsync(string title, int minutes, bool read = false, string? user = null, string? link = null)
    {
        var notification = new Notification
        {
            Id = Guid.NewGuid(),
            DedupKey = $"bell:{Guid.NewGuid():N}",
            UserName = user ?? _user,
            Kind = nameof(NotificationKind.Escalation),
            Title = title,
            Body = "body of " + title,
            Link = link,
            CreatedAt = Now.AddMinutes(minutes),
            ReadAt = read ? Now.AddMinutes(minutes + 1) : null,
        };
        await using var db = await Databases.CreateDbContextAsync();
        db.Notifications.Add(notification);
        await db.SaveChangesAsync();
        return notification.Id;
    }

    private static IRenderedComponent<NotificationBell> RenderBell(BunitContext bunit, out IRenderedComponent<MudPopoverProvider> popovers)
    {
        popovers = bunit.Render<MudPopoverProvider>();
        return bunit.Render<NotificationBell>();
    }

    [Fact]
    public async Task The_bell_counts_my_unread_notifications_in_its_label()
    {
        await SeedAsync("one", 1);
        await SeedAsync("two", 2);
        await SeedAsync("read", 3, read: true);
        await SeedAsync("someone else's", 4, user: "squad");
        await using var bunit = NewContext();

        var bell = RenderBell(bunit, out _);

        Assert.Equal("2", bell.Find("[data-testid=bell-count]").TextContent);
        Assert.Equal("Notifications, 2 unread", bell.Find("[data-testid=bell]").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Nothing_unread_shows_no_count()
    {
        await SeedAsync("read", 1, read: true);
        await using var bunit = NewContext();

        var bell = RenderBell(bunit, out _);

        Assert.Empty(bell.FindAll("[data-testid=bell-count]"));
        Assert.Equal("Notifications, none unread", bell.Find("[data-testid=bell]").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Opening_lists_the_latest_first_with_the_unread_ones_marked_in_words()
    {
        await SeedAsync("older", 1, read: true);
        await SeedAsync("newer", 2);
        await using var bunit = NewContext();
        var bell = RenderBell(bunit, out var popovers);

        await bell.Find("[data-testid=bell]").ClickAsync(new());

        var items = popovers.FindAll("[data-testid=bell-item]");
        Assert.Equal(["newer", "older"], items.Select(i => i.QuerySelector(".bell-title")!.TextContent));
        Assert.Equal(["true", "false"], items.Select(i => i.GetAttribute("data-unread")));
        Assert.Contains("Unread", items[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("2026-03-02 09:32", items[0].QuerySelector(".bell-time")!.TextContent);
    }

    [Fact]
    public async Task Clicking_a_notification_marks_it_read_and_follows_a_local_link()
    {
        var id = await SeedAsync("with a link", 1, link: "/tasks");
        await SeedAsync("other", 0);
        await using var bunit = NewContext();
        var bell = RenderBell(bunit, out var popovers);
        await bell.Find("[data-testid=bell]").ClickAsync(new());

        await popovers.FindAll("[data-testid=bell-item]")[0].ClickAsync(new());

        await using var db = await Databases.CreateDbContextAsync();
        Assert.NotNull((await db.Notifications.SingleAsync(n => n.Id == id)).ReadAt);
        Assert.Equal("1", bell.Find("[data-testid=bell-count]").TextContent);
        Assert.EndsWith("/tasks", bunit.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mark_all_read_clears_the_count_and_leaves_others_notifications_alone()
    {
        await SeedAsync("one", 1);
        await SeedAsync("two", 2);
        var others = await SeedAsync("someone else's", 3, user: "squad");
        await using var bunit = NewContext();
        var bell = RenderBell(bunit, out var popovers);
        await bell.Find("[data-testid=bell]").ClickAsync(new());

        await popovers.Find("[data-testid=bell-read-all]").ClickAsync(new());

        Assert.Empty(bell.FindAll("[data-testid=bell-count]"));
        Assert.All(popovers.FindAll("[data-testid=bell-item]"), i => Assert.Equal("false", i.GetAttribute("data-unread")));
        await using var db = await Databases.CreateDbContextAsync();
        Assert.Null((await db.Notifications.SingleAsync(n => n.Id == others)).ReadAt);
    }

    [Fact]
    public async Task The_count_follows_the_database_while_the_page_is_open()
    {
        await SeedAsync("first", 1);
        await using var bunit = NewContext();
        var bell = RenderBell(bunit, out _);
        Assert.Equal("1", bell.Find("[data-testid=bell-count]").TextContent);

        // Written by "another host": straight into the database.
        await SeedAsync("second", 2);
        _time.Advance(TimeSpan.FromSeconds(1));

        bell.WaitForAssertion(() => Assert.Equal("2", bell.Find("[data-testid=bell-count]").TextContent));
    }

    [Fact]
    public async Task A_prerendered_bell_starts_no_timer()
    {
        await SeedAsync("first", 1);
        await using var bunit = NewContext(interactive: false);
        var bell = RenderBell(bunit, out _);

        await SeedAsync("second", 2);
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal("1", bell.Find("[data-testid=bell-count]").TextContent);
    }

    [Theory]
    [InlineData("/tasks/1", "approvalDecided", "/tasks/1")]
    [InlineData("http://localhost/projects/7", "reminder", "/projects/7")]
    [InlineData("http://localhost/api/tasks/7", "reminder", null)]
    [InlineData("https://evil.example/tasks", "reminder", null)]
    [InlineData("//evil.example/tasks", "reminder", null)]
    [InlineData(null, "approvalRequested", "/approvals")]
    [InlineData(null, "approvalDecided", null)]
    public void Only_links_to_pages_of_this_site_are_followed(string? link, string kind, string? target)
    {
        var item = new NotificationView(Guid.NewGuid(), kind, "t", "b", link, null, null, Guid.NewGuid(), Now, null);

        Assert.Equal(target, NotificationBell.Target(item, "http://localhost/"));
    }

    [Fact]
    public void A_reminder_whose_link_is_the_api_opens_its_tasks_page()
    {
        var task = Guid.NewGuid();
        var item = new NotificationView(Guid.NewGuid(), "reminder", "t", "b", "http://localhost/api/tasks/" + task, null, task, null, Now, null);

        Assert.Equal($"/tasks/{task:D}", NotificationBell.Target(item, "http://localhost/"));
    }
}
