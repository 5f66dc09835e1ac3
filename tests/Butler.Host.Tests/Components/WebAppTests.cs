using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Butler.Host.Identity;
using Butler.Host.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Butler.Host.Tests.Components;

/// <summary>The web application over real HTTP: cookie sign-in beside bearer tokens, redirects, lock-out, languages.</summary>
public sealed partial class WebAppTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task An_anonymous_browser_asking_for_a_page_is_redirected_to_sign_in()
    {
        var browser = Browser();
        using var response = await browser.GetAsync("/tasks");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?ReturnUrl=%2Ftasks", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task An_unknown_page_is_a_404_page_for_a_browser_and_problem_details_for_the_api()
    {
        var browser = Browser();
        using var page = await browser.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("页面不存在", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var api = await browser.GetAsync("/api/no-such-resource");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Signing_in_sets_a_cookie_that_opens_the_pages_and_the_api()
    {
        var browser = Browser();
        using var signIn = await SignInAsync(browser, "squad", ButlerApp.Password, "/tasks");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/tasks", PathOf(signIn.Headers.Location));

        using var page = await browser.GetAsync("/tasks");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("我的任务", html, StringComparison.Ordinal);

        using var api = await browser.GetAsync("/api/tasks");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task My_tasks_shows_the_tasks_of_my_roles_and_not_those_of_others()
    {
        var company = $"WebCo-{Guid.NewGuid():N}";
        var leader = await app.ClientForAsync("leader");
        using var started = await leader.PostAsJsonAsync("/api/workflow-instances", new { definitionId = "demo-onboarding", input = new { company } });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);

        var squad = Browser();
        (await SignInAsync(squad, "squad", ButlerApp.Password, null)).Dispose();
        var squadPage = await squad.GetStringAsync("/tasks");
        // The page is in the user's language (zh-CN): the Chinese half of the bilingual title.
        Assert.Contains($"政策解读：{company}", squadPage, StringComparison.Ordinal);
        Assert.DoesNotContain($"Policy briefing: {company}", squadPage, StringComparison.Ordinal);
        Assert.Contains("data-light=\"green\"", squadPage, StringComparison.Ordinal);

        var leaderBrowser = Browser();
        (await SignInAsync(leaderBrowser, "leader", ButlerApp.Password, null)).Dispose();
        Assert.DoesNotContain(company, await leaderBrowser.GetStringAsync("/tasks"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_answers_401_to_anonymous_callers_and_accepts_bearer_tokens()
    {
        using var anonymous = await Browser().GetAsync("/api/tasks");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Null(anonymous.Headers.Location);

        using var bearer = await (await app.ClientForAsync("squad")).GetAsync("/api/tasks");
        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_repeated_failures_lock_the_account()
    {
        const string name = "web-lockout";
        await CreateSquadMemberAsync(name, "en");
        var browser = Browser();
        using var wrong = await SignInAsync(browser, name, "not-the-password", null);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("用户名或密码错误", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        for (var attempt = 2; attempt <= 5; attempt++)
        {
            (await SignInAsync(browser, name, "not-the-password", null)).Dispose();
        }
        // The right password now gets the refusal a wrong one gets, which names the lock-out as one possible reason.
        using var locked = await SignInAsync(browser, name, ButlerApp.Password, null);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("用户名或密码错误；或因多次登录失败，账户已暂时锁定", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/tasks")).StatusCode);
    }

    [Fact]
    public async Task The_language_follows_the_browser_until_switched_in_the_app_bar()
    {
        var browser = Browser();
        browser.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en-US"));
        Assert.Contains("Sign in", await browser.GetStringAsync("/signin"), StringComparison.Ordinal);

        using var switched = await browser.GetAsync("/culture?language=zh-CN&returnUrl=%2Fsignin");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/signin", PathOf(switched.Headers.Location));
        Assert.Contains("登录", await browser.GetStringAsync("/signin"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_user_sees_their_own_language_over_the_browsers()
    {
        const string name = "web-english";
        await CreateSquadMemberAsync(name, "en");
        var browser = Browser();
        browser.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("zh-CN"));
        Assert.Contains("登录", await browser.GetStringAsync("/signin"), StringComparison.Ordinal);

        (await SignInAsync(browser, name, ButlerApp.Password, null)).Dispose();
        var page = await browser.GetStringAsync("/tasks");
        Assert.Contains("My tasks", page, StringComparison.Ordinal);
        Assert.Contains("No open tasks.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_switch_never_redirects_off_site()
    {
        using var response = await Browser().GetAsync("/culture?language=en&returnUrl=%2F%2Fevil.example");
        Assert.Equal("/", PathOf(response.Headers.Location));
    }

    [Fact]
    public async Task Signing_out_needs_the_antiforgery_token()
    {
        var browser = Browser();
        (await SignInAsync(browser, "leader", ButlerApp.Password, null)).Dispose();

        using var forged = await browser.PostAsync("/signout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/tasks")).StatusCode);

        var token = AntiforgeryToken(await browser.GetStringAsync("/tasks"));
        using var signOut = await browser.PostAsync("/signout", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/tasks")).StatusCode);
    }

    private async Task CreateSquadMemberAsync(string name, string language)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
        var created = await users.CreateAsync(new ButlerUser { UserName = name, Language = language }, ButlerApp.Password);
        Assert.True(created.Succeeded);
        Assert.True((await users.AddToRoleAsync((await users.FindByNameAsync(name))!, Roles.Squad)).Succeeded);
    }

    private static string PathOf(Uri? location) => new Uri(new Uri("http://localhost"), location!).PathAndQuery;

    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static Task<HttpResponseMessage> SignInAsync(HttpClient browser, string userName, string password, string? returnUrl) =>
        WebSignIn.SignInAsync(browser, userName, password, returnUrl);

    private static string AntiforgeryToken(string html) => WebSignIn.AntiforgeryToken(html);
}
