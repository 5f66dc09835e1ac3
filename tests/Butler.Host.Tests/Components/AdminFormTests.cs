using Bunit;
using Butler.Workflows.Runtime;
using Butler.Host.Api;
using Butler.Host.Api.Users;
using Butler.Host.Components.Admin;
using Butler.Workflows.Calendar;
using Microsoft.Extensions.DependencyInjection;

namespace Butler.Host.Tests.Components;

/// <summary>The user form and the calendar editor check their input before saving and show each complaint under its field.</summary>
public sealed class AdminFormTests
{
    private static BunitContext NewContext(string culture = "en") => MudTestContext.New(culture);

    [Fact]
    public async Task The_user_form_asks_for_a_user_name_and_password_and_a_valid_e_mail_before_calling_the_server()
    {
        await using var bunit = NewContext();
        var calls = 0;
        var form = bunit.Render<UserForm>(p => p.Add(c => c.OnCreate, _ => { calls++; return Task.FromResult<IReadOnlyList<InputError>>([]); }));

        form.Find("#user-email").Change("li.ming@");
        form.Find("[data-testid=user-create]").Click();

        Assert.Equal(0, calls);
        Assert.Contains("Enter an e-mail address such as li.ming@example.cn.", form.Markup, StringComparison.Ordinal);
        Assert.Equal(2, form.FindAll(".mud-input-helper-text.mud-input-error").Count(e => e.TextContent.Contains("Required", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_user_form_shows_the_servers_complaints_under_their_fields_in_the_readers_language()
    {
        await using var bunit = NewContext("zh-CN");
        CreateUserRequest? sent = null;
        var form = bunit.Render<UserForm>(p => p.Add(c => c.OnCreate, request =>
        {
            sent = request;
            return Task.FromResult<IReadOnlyList<InputError>>(
            [
                new("userName", Failure.Identity("DuplicateUserName", null)),
                new("password", Failure.Identity("PasswordRequiresDigit", null)),
            ]);
        }));

        form.Find("#user-name").Change("squad");
        form.Find("#user-password").Change("Abcdefgh");
        form.Find("input[data-testid=user-role-Leader]").Change(true);
        form.Find("[data-testid=user-create]").Click();

        Assert.NotNull(sent);
        Assert.Equal(("squad", "Abcdefgh"), (sent.UserName, sent.Password));
        Assert.Equal(["Leader"], sent.Roles!);
        Assert.Contains("该用户名已被使用。", form.Markup, StringComparison.Ordinal);
        Assert.Contains("密码须包含数字。", form.Markup, StringComparison.Ordinal);
    }

    private static readonly CalendarDocument Empty2026 = new("cn", "China", [2026], [], DateTimeOffset.UnixEpoch, null, 1);

    private static IRenderedComponent<CalendarEditor> RenderEditor(BunitContext bunit, Func<IReadOnlyList<CalendarDay>, IReadOnlyList<int>, Task<string?>>? onSave = null) =>
        bunit.Render<CalendarEditor>(p => p
            .Add(c => c.Document, Empty2026)
            .Add(c => c.Year, 2026)
            .Add(c => c.Today, new DateOnly(2026, 3, 2))
            .Add(c => c.OnSave, onSave ?? ((_, _) => Task.FromResult<string?>(null))));

    [Theory]
    [InlineData("2026-13-01", "Enter a date written yyyy-MM-dd.")]
    [InlineData("2025-10-01", "The date must fall in 2026.")]
    [InlineData("", "Required")]
    public async Task The_calendar_editor_refuses_a_bad_date_inline(string date, string message)
    {
        await using var bunit = NewContext();
        var editor = RenderEditor(bunit);

        editor.Find("#calendar-new-date").Change(date);
        editor.Find("[data-testid=calendar-add]").Click();

        Assert.Contains(message, editor.Find(".mud-input-error").TextContent, StringComparison.Ordinal);
        Assert.Empty(editor.FindAll(".calendar-day"));
    }

    [Fact]
    public async Task The_calendar_editor_refuses_the_same_date_twice_and_a_too_long_name()
    {
        await using var bunit = NewContext();
        var editor = RenderEditor(bunit);
        editor.Find("#calendar-new-date").Change("2026-10-01");
        editor.Find("#calendar-new-name").Change("国庆节");
        editor.Find("[data-testid=calendar-add]").Click();

        editor.Find("#calendar-new-date").Change("2026-10-01");
        editor.Find("#calendar-new-name").Change(new string('节', 101));
        editor.Find("[data-testid=calendar-add]").Click();

        Assert.Single(editor.FindAll(".calendar-day"));
        Assert.Contains("This date is already listed.", editor.Markup, StringComparison.Ordinal);
        Assert.Contains("A name has at most 100 characters.", editor.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_added_holiday_is_listed_moves_the_preview_and_is_saved_with_the_calendar()
    {
        await using var bunit = NewContext();
        IReadOnlyList<CalendarDay>? saved = null;
        var editor = RenderEditor(bunit, (days, _) => { saved = days; return Task.FromResult<string?>(null); });
        Assert.Equal("3 working days from 2026-03-02 is 2026-03-05", editor.Find("[data-testid=calendar-preview]").TextContent);

        editor.Find("#calendar-new-date").Change("2026-03-04");
        editor.Find("#calendar-new-name").Change("Test day off");
        editor.Find("[data-testid=calendar-add]").Click();

        Assert.Contains("2026-03-04", editor.Find(".calendar-holidays").TextContent, StringComparison.Ordinal);
        Assert.Equal("3 working days from 2026-03-02 is 2026-03-06", editor.Find("[data-testid=calendar-preview]").TextContent);
        editor.Find("[data-testid=calendar-save]").Click();
        Assert.Equal([new CalendarDay(new DateOnly(2026, 3, 4), true, "Test day off")], saved!);
    }

    [Fact]
    public async Task A_refused_save_says_why()
    {
        await using var bunit = NewContext("zh-CN");
        var editor = RenderEditor(bunit, (_, _) => Task.FromResult<string?>("日历已被他人修改，请刷新后重试。"));

        editor.Find("[data-testid=calendar-save]").Click();

        Assert.Contains("日历已被他人修改", editor.Find("[role=alert]").TextContent, StringComparison.Ordinal);
    }
}
