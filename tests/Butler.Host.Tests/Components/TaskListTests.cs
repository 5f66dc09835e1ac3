using Bunit;
using Butler.Host.Api.Tasks;
using Butler.Host.Components.Tasks;

namespace Butler.Host.Tests.Components;

/// <summary>The inbox list and the light badge rendered with bUnit, without a browser.</summary>
/// <remarks>MudBlazor's services are only asynchronously disposable, so each test disposes its context with <c>await using</c>.</remarks>
public sealed class TaskListTests
{
    private static readonly DateTimeOffset Monday = new(2025, 3, 3, 1, 0, 0, TimeSpan.Zero);

    private static BunitContext NewContext(string culture = "en") => MudTestContext.New(culture);

    private static readonly TaskRow[] Tasks =
    [
        new(Guid.NewGuid(), "Green later", Monday.AddDays(9), "green"),
        new(Guid.NewGuid(), "No due date", null, "green"),
        new(Guid.NewGuid(), "Yellow", Monday.AddDays(2), "yellow"),
        new(Guid.NewGuid(), "Red newest", Monday.AddDays(-1), "red"),
        new(Guid.NewGuid(), "Green soon", Monday.AddDays(3), "green"),
        new(Guid.NewGuid(), "Red oldest", Monday.AddDays(-5), "red"),
    ];

    [Fact]
    public async Task Tasks_are_listed_red_then_yellow_then_green_and_by_due_date_with_undated_last()
    {
        await using var bunit = NewContext();
        var list = bunit.Render<TaskList>(p => p.Add(c => c.Tasks, Tasks));

        Assert.Equal(["Red oldest", "Red newest", "Yellow", "Green soon", "Green later", "No due date"],
            list.FindAll(".task-title").Select(e => e.TextContent));
    }

    [Fact]
    public async Task The_search_box_filters_by_every_word_of_the_title_ignoring_case()
    {
        await using var bunit = NewContext();
        var list = bunit.Render<TaskList>(p => p.Add(c => c.Tasks, Tasks).Add(c => c.SearchDebounceMilliseconds, 0));

        list.Find("#task-search").Input("GREEN soon");

        Assert.Equal(["Green soon"], list.FindAll(".task-title").Select(e => e.TextContent));
        Assert.Contains("1 of 6 tasks", list.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_matching_nothing_says_so()
    {
        await using var bunit = NewContext();
        var list = bunit.Render<TaskList>(p => p.Add(c => c.Tasks, Tasks).Add(c => c.Search, "permit"));

        Assert.Empty(list.FindAll(".task-title"));
        Assert.Contains("No task matches the search.", list.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_inbox_says_there_is_nothing_to_do()
    {
        await using var bunit = NewContext();
        var list = bunit.Render<TaskList>(p => p.Add(c => c.Tasks, []));

        Assert.Contains("No open tasks.", list.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Due_dates_are_shown_in_the_district_time_zone()
    {
        await using var bunit = NewContext();
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var list = bunit.Render<TaskList>(p => p.Add(c => c.Tasks, [new TaskRow(Guid.NewGuid(), "Late evening", new DateTimeOffset(2025, 3, 3, 15, 30, 0, TimeSpan.Zero), "green")])
            .Add(c => c.TimeZone, shanghai));

        Assert.Contains("2025-03-03 23:30", list.Find(".task-due").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_row_is_a_keyboard_reachable_link_to_its_task_page_carrying_its_light()
    {
        await using var bunit = NewContext();
        var list = bunit.Render<TaskList>(p => p.Add(c => c.Tasks, Tasks));

        var rows = list.FindAll("[data-testid=task-row]");
        Assert.Equal(Tasks.Length, rows.Count);
        Assert.All(rows, row => Assert.Equal("A", row.TagName));
        var red = Tasks.Single(t => t.Title == "Red oldest");
        Assert.Equal($"tasks/{red.Id:D}", rows[0].GetAttribute("href"));
        Assert.Equal("red", rows[0].GetAttribute("data-light"));
        Assert.Equal("red", rows[0].QuerySelector(".light-badge")!.GetAttribute("data-light"));
    }

    [Theory]
    [InlineData("en", "Claimed by zhang")]
    [InlineData("zh-CN", "已由 zhang 认领")]
    public async Task A_task_claimed_by_a_role_member_says_who_took_it(string culture, string text)
    {
        await using var bunit = NewContext(culture);
        var list = bunit.Render<TaskList>(p => p.Add(c => c.Tasks, [new TaskRow(Guid.NewGuid(), "Briefing", null, "green", "zhang"), new TaskRow(Guid.NewGuid(), "Permit", null, "green")]));

        Assert.Equal(text, Assert.Single(list.FindAll(".task-claimed")).TextContent);
    }

    [Theory]
    [InlineData("red", "en", "Overdue")]
    [InlineData("yellow", "en", "Due soon")]
    [InlineData("green", "en", "On time")]
    [InlineData("red", "zh-CN", "逾期")]
    [InlineData("yellow", "zh-CN", "临期")]
    [InlineData("green", "zh-CN", "正常")]
    public async Task The_light_badge_names_the_light_in_words_not_colour_alone(string light, string culture, string text)
    {
        await using var bunit = NewContext(culture);

        var badge = bunit.Render<LightBadge>(p => p.Add(c => c.Light, light));

        Assert.Contains(text, badge.Markup, StringComparison.Ordinal);
        Assert.Equal(light, badge.Find(".light-badge").GetAttribute("data-light"));
    }
}
