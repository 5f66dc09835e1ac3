using System.IdentityModel.Tokens.Jwt;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Butler.Host.Configuration;
using Butler.Host.Identity;
using Butler.Host.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Butler.Host.Tests.Configuration;

/// <summary>
/// The reader's language, in one order for pages and API (ADR 023): the app bar's cookie beats the profile, the profile beats
/// <c>Accept-Language</c>, and without any of them the page is zh-CN.
/// </summary>
public sealed partial class ReaderLanguageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string EnglishCookie = ".AspNetCore.Culture=c%3Den%7Cuic%3Den";
    private const string ChineseCookie = ".AspNetCore.Culture=c%3Dzh-CN%7Cuic%3Dzh-CN";

    [Theory]
    [InlineData(null, "zh-CN")]
    [InlineData("en-US", "en")]
    [InlineData("en-GB,en;q=0.8", "en")]
    [InlineData("fr", "zh-CN")]
    [InlineData("fr, en;q=0.5", "en")]
    [InlineData("zh-TW, en;q=0.9", "zh-CN")]
    [InlineData("zh-CN;q=0.4, en;q=0.6", "en")]
    public async Task Without_cookie_or_profile_the_browser_decides_else_zh_CN(string? acceptLanguage, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/signin");
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        Assert.Equal(language, await PageLanguageAsync(Browser(), request));
    }

    [Fact]
    public async Task The_app_bar_cookie_beats_the_browser()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/signin");
        request.Headers.Add("Accept-Language", "en-US");
        request.Headers.Add("Cookie", ChineseCookie);

        Assert.Equal("zh-CN", await PageLanguageAsync(Browser(), request));
    }

    [Fact]
    public async Task The_profile_beats_the_browser_and_the_app_bar_beats_the_profile()
    {
        var name = await TestUsers.CreateAsync(app, "reader", Roles.Squad); // profile language: en
        var browser = Browser();
        browser.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("zh-CN"));
        (await WebSignIn.SignInAsync(browser, name, ButlerApp.Password)).Dispose();

        Assert.Equal("en", await PageLanguageAsync(browser, new HttpRequestMessage(HttpMethod.Get, "/tasks")));

        (await browser.GetAsync("/culture?language=zh-CN&returnUrl=%2Ftasks")).Dispose();
        Assert.Equal("zh-CN", await PageLanguageAsync(browser, new HttpRequestMessage(HttpMethod.Get, "/tasks")));
    }

    [Fact]
    public async Task An_access_token_carries_the_profile_language()
    {
        var english = await TestUsers.CreateAsync(app, "reader", Roles.Squad);
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/auth/token", new { userName = english, password = ButlerApp.Password });
        var token = (await response.Content.ReadFromJsonAsync<TokenBody>())!.AccessToken;

        Assert.Equal("en", new JwtSecurityTokenHandler().ReadJwtToken(token).Claims.Single(c => c.Type == ButlerClaimsPrincipalFactory.LanguageClaim).Value);
    }

    [Fact]
    public void The_order_is_cookie_then_profile_then_accept_language_then_zh_CN()
    {
        var http = new DefaultHttpContext();
        Assert.Equal("zh-CN", http.ReaderLanguage());

        http.Request.Headers.AcceptLanguage = "en-US,en;q=0.9";
        Assert.Equal("en", http.ReaderLanguage());

        http.User = SignedIn("zh-CN");
        Assert.Equal("zh-CN", http.ReaderLanguage());

        http.Request.Headers.Cookie = EnglishCookie;
        Assert.Equal("en", http.ReaderLanguage());

        // A step naming a language Butler does not speak is skipped, not taken as zh-CN.
        http.Request.Headers.Cookie = ".AspNetCore.Culture=c%3Dfr%7Cuic%3Dfr";
        Assert.Equal("zh-CN", http.ReaderLanguage());
        http.User = SignedIn("fr");
        Assert.Equal("en", http.ReaderLanguage());

        // An anonymous principal's claim is no profile.
        http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ButlerClaimsPrincipalFactory.LanguageClaim, "zh-CN")]));
        Assert.Equal("en", http.ReaderLanguage());
    }

    [Fact]
    public void Once_request_localization_ran_its_choice_is_the_readers_language()
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.AcceptLanguage = "zh-CN";
        http.Features.Set<IRequestCultureFeature>(new RequestCultureFeature(new RequestCulture("en-GB"), provider: null));

        Assert.Equal("en", http.ReaderLanguage());
    }

    private static ClaimsPrincipal SignedIn(string language) => new(new ClaimsIdentity(
        [new Claim(JwtRegisteredClaimNames.Name, "someone"), new Claim(ButlerClaimsPrincipalFactory.LanguageClaim, language)], "Test"));

    private static async Task<string> PageLanguageAsync(HttpClient browser, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await browser.SendAsync(request);
            response.EnsureSuccessStatusCode();
            return HtmlLanguage().Match(await response.Content.ReadAsStringAsync()) is { Success: true } m
                ? m.Groups[1].Value
                : throw new InvalidOperationException("The page has no <html lang>.");
        }
    }

    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [GeneratedRegex("<html lang=\"([^\"]*)\"")]
    private static partial Regex HtmlLanguage();

    private sealed record TokenBody(string AccessToken, int ExpiresIn);
}
