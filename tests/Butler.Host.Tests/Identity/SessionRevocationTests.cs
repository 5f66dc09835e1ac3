using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using Butler.Host.Components.Designer;
using Butler.Host.Identity;
using Butler.Host.Tests.Support;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Butler.Host.Tests.Identity;

/// <summary>
/// Locking an account, taking a role from it or changing its password ends the sessions signed in before, within
/// seconds and on every host: bearer tokens, the web sign-in cookie and the designer's circuit tokens.
/// </summary>
public sealed class SessionRevocationTests(TwoHostsOnOnePostgres hosts) : IClassFixture<TwoHostsOnOnePostgres>
{
    private const string NewPassword = "Another-pass-9";

    /// <summary>How long a test waits for a session to end: a deadline for a slow, shared machine, not a timing assertion.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>A client of <paramref name="app"/> carrying the same bearer token as <paramref name="signedIn"/>.</summary>
    private static HttpClient SameTokenOn(ButlerApp app, HttpClient signedIn)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        return client;
    }

    private static Task RefusedAsync(HttpClient client) => Eventually.TrueAsync(async () =>
    {
        using var response = await client.GetAsync("/api/me");
        return response.StatusCode == HttpStatusCode.Unauthorized;
    }, Deadline);

    private async Task<(string Name, HttpClient OnFirst, HttpClient OnSecond)> SignedInOnBothAsync(params string[] roles)
    {
        var name = await TestUsers.CreateAsync(hosts.First, "session", roles);
        var onFirst = await hosts.First.ClientForAsync(name);
        var onSecond = SameTokenOn(hosts.Second, onFirst);
        Assert.Equal(HttpStatusCode.OK, (await onFirst.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/api/me")).StatusCode);
        return (name, onFirst, onSecond);
    }

    [Fact]
    public async Task Locking_an_account_on_one_host_stops_its_token_on_the_other_within_seconds()
    {
        var (name, onFirst, onSecond) = await SignedInOnBothAsync("Squad");

        Assert.Equal(HttpStatusCode.OK, (await (await hosts.First.ClientForAsync("admin")).PostAsync($"/api/users/{name}/lock", null)).StatusCode);

        await RefusedAsync(onSecond);
        await RefusedAsync(onFirst);
    }

    [Fact]
    public async Task Taking_a_role_away_stops_the_token_that_carries_it_and_a_new_sign_in_works_without_it()
    {
        var (name, _, onSecond) = await SignedInOnBothAsync("Leader", "Squad");
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/api/metrics?year=2026")).StatusCode);

        var admin = await hosts.First.ClientForAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/users/{name}", new { roles = new[] { "Squad" } })).StatusCode);

        await RefusedAsync(onSecond);
        var again = SameTokenOn(hosts.Second, await hosts.First.ClientForAsync(name));
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await again.GetAsync("/api/metrics?year=2026")).StatusCode);
    }

    [Fact]
    public async Task Resetting_a_password_stops_the_tokens_signed_in_with_the_old_one()
    {
        var (name, _, onSecond) = await SignedInOnBothAsync("Squad");

        var admin = await hosts.First.ClientForAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/users/{name}/reset-password", new { newPassword = NewPassword })).StatusCode);

        await RefusedAsync(onSecond);
    }

    [Fact]
    public async Task Changing_ones_own_password_stops_the_tokens_signed_in_before()
    {
        var (name, onFirst, onSecond) = await SignedInOnBothAsync("Squad");

        Assert.Equal(HttpStatusCode.NoContent, (await onFirst.PostAsJsonAsync("/api/me/password",
            new { currentPassword = ButlerApp.Password, newPassword = NewPassword })).StatusCode);

        await RefusedAsync(onSecond);
        using var renewed = await hosts.Second.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = name, password = NewPassword });
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
    }

    [Fact]
    public async Task Changing_a_display_name_or_adding_a_role_leaves_the_sessions_alone()
    {
        var (name, onFirst, onSecond) = await SignedInOnBothAsync("Squad");
        var admin = await hosts.First.ClientForAsync("admin");
        var before = await SecurityStampAsync(name);

        Assert.Equal(HttpStatusCode.OK, (await onFirst.PutAsJsonAsync("/api/me", new { displayName = "王芳" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/users/{name}", new { roles = new[] { "Squad", "Leader" } })).StatusCode);

        // The stamp the token carries is still the account's: no wait can make the token stop.
        Assert.Equal(before, await SecurityStampAsync(name));
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/api/me")).StatusCode);
    }

    private async Task<string?> SecurityStampAsync(string userName)
    {
        await using var scope = hosts.Second.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>().FindByNameAsync(userName))!.SecurityStamp;
    }

    [Fact]
    public async Task A_locked_users_sign_in_cookie_stops_within_seconds()
    {
        var name = await TestUsers.CreateAsync(hosts.First, "cookie", "Squad");
        var browser = hosts.First.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using (var signedIn = await WebSignIn.SignInAsync(browser, name, ButlerApp.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/tasks")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await (await hosts.Second.ClientForAsync("admin")).PostAsync($"/api/users/{name}/lock", null)).StatusCode);

        await Eventually.TrueAsync(async () =>
        {
            using var page = await browser.GetAsync("/tasks");
            return page.StatusCode == HttpStatusCode.Redirect && page.Headers.Location!.OriginalString.Contains("/signin", StringComparison.Ordinal);
        }, Deadline);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_locked_administrators_designer_tokens_stop_within_seconds_and_new_ones_are_refused()
    {
        var name = await TestUsers.CreateAsync(hosts.First, "designer", "Admin");
        ClaimsPrincipal circuitUser;
        await using (var scope = hosts.First.Services.CreateAsyncScope())
        {
            // The principal a circuit runs as: the one the sign-in cookie carries.
            var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ButlerUser>>();
            circuitUser = await signIn.CreateUserPrincipalAsync((await signIn.UserManager.FindByNameAsync(name))!);
        }
        var circuit = Credentials(circuitUser);
        var designer = hosts.Second.CreateClient();
        designer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await circuit.GetTokenAsync());
        Assert.Equal(HttpStatusCode.OK, (await designer.GetAsync("/api/workflow-definitions")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await (await hosts.First.ClientForAsync("admin")).PostAsync($"/api/users/{name}/lock", null)).StatusCode);

        await RefusedAsync(designer);
        // The circuit lives on with its old user; a token renewed from it is refused as well.
        designer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Credentials(circuitUser).GetTokenAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await designer.GetAsync("/api/workflow-definitions")).StatusCode);
    }

    private CircuitDesignerCredentials Credentials(ClaimsPrincipal user) =>
        new(new FixedAuthentication(user), hosts.First.Services.GetRequiredService<TokenService>(), TimeProvider.System,
            hosts.First.Services.GetRequiredService<IOptions<IdentityOptions>>());

    private sealed class FixedAuthentication(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
