using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Butler.Host.Tests.Support;

namespace Butler.Host.Tests.Components;

/// <summary>The profile and administration pages render (prerendered) for the people allowed to see them.</summary>
public sealed partial class WebAppTests
{
    [Theory]
    [InlineData("/admin", "系统管理", "admin-link-admin-users")]
    [InlineData("/admin/users", "用户", "admin-users-table")]
    [InlineData("/admin/teams", "团队", "team-new")]
    [InlineData("/admin/calendar", "工作日历", "calendar-preview")]
    [InlineData("/admin/instances", "流程实例", "instances-status")]
    [InlineData("/profile", "个人设置", "profile-email")]
    public async Task An_administration_page_renders_its_heading_and_hooks_for_an_administrator(string path, string heading, string testId)
    {
        await StartWaitingInstanceAsync(); // so the instance list has rows
        var browser = Browser();
        (await SignInAsync(browser, "admin", ButlerApp.Password, null)).Dispose();

        using var page = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($">{heading}</h1>", html, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"{testId}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_instance_list_and_page_show_a_running_instance_with_its_cancel_button()
    {
        var id = await StartWaitingInstanceAsync();
        var browser = Browser();
        (await SignInAsync(browser, "admin", ButlerApp.Password, null)).Dispose();

        Assert.Contains("data-testid=\"admin-instances-table\"", await browser.GetStringAsync("/admin/instances"), StringComparison.Ordinal);
        var html = await browser.GetStringAsync($"/admin/instances/{id}");
        Assert.Contains("data-testid=\"instance-cancel\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"instance-retry\"", html, StringComparison.Ordinal);
        Assert.Contains("流程启动", html, StringComparison.Ordinal);
        Assert.DoesNotContain("instanceStarted", html, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>An instance waiting for a signal: it gives nobody a task, so other tests' inboxes stay as they are.</summary>
    private async Task<Guid> StartWaitingInstanceAsync()
    {
        var admin = await app.ClientForAsync("admin");
        var definition = "page-" + Guid.NewGuid().ToString("N")[..8];
        using var created = await admin.PostAsync("/api/workflow-definitions", new StringContent(Definitions.WaitForSignal(definition), System.Text.Encoding.UTF8, "application/json"));
        using var published = await admin.PostAsync($"/api/workflow-definitions/{definition}/publish", null);
        using var started = await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = definition });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    [Fact]
    public async Task Any_signed_in_user_sees_their_own_profile_with_its_hooks()
    {
        var browser = Browser();
        (await SignInAsync(browser, "squad", ButlerApp.Password, null)).Dispose();

        var html = await browser.GetStringAsync("/profile");

        Assert.Contains("squad@butler.example", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"profile-language\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"profile-save\"", html, StringComparison.Ordinal);
    }
}
