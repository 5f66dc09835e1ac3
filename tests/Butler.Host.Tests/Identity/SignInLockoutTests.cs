using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Butler.Host.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Butler.Host.Tests.Identity;

/// <summary>
/// The lock-out holds against guesses sent at once: at most five passwords are checked before an account is locked,
/// over the API and the sign-in page alike, and a locked account is refused exactly as an unknown user name is.
/// </summary>
public abstract class SignInLockoutTests(CountedSignInApp app)
{
    private const int Guesses = 20;
    private const int MaxFailures = 5;

    private static Task<HttpResponseMessage> TokenAsync(HttpClient client, string userName, string password) =>
        client.PostAsJsonAsync("/api/auth/token", new { userName, password });

    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static bool SignedIn(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("butler.auth=", StringComparison.Ordinal));

    /// <summary>The parts of a problem body a client sees; the trace id differs on every request.</summary>
    private static async Task<string> RefusalAsync(HttpResponseMessage response)
    {
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        body.Remove("traceId");
        return $"{(int)response.StatusCode} {body.ToJsonString()}";
    }

    [Fact]
    public async Task Twenty_parallel_guesses_check_at_most_five_passwords_and_the_right_one_is_then_refused()
    {
        var name = await TestUsers.CreateAsync(app, "guess", "Squad");
        var client = app.CreateClient();

        var guesses = await Task.WhenAll(Enumerable.Range(0, Guesses).Select(i => TokenAsync(client, name, $"wrong-guess-{i}")));

        Assert.All(guesses, g => Assert.Equal(HttpStatusCode.Unauthorized, g.StatusCode));
        Assert.Equal(MaxFailures, app.Checks.Of(name));
        var right = await TokenAsync(client, name, ButlerApp.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Equal(MaxFailures, app.Checks.Of(name));
    }

    [Fact]
    public async Task Twenty_parallel_guesses_over_the_sign_in_page_and_the_api_together_check_at_most_five_passwords()
    {
        var name = await TestUsers.CreateAsync(app, "webguess", "Squad");
        var api = app.CreateClient();
        var browser = Browser();
        var form = await browser.GetStringAsync("/signin");

        var guesses = await Task.WhenAll(Enumerable.Range(0, Guesses).Select(i => i % 2 == 0
            ? WebSignIn.PostAsync(browser, "/signin", form, name, $"wrong-guess-{i}")
            : TokenAsync(api, name, $"wrong-guess-{i}")));

        Assert.DoesNotContain(guesses, SignedIn);
        Assert.Equal(MaxFailures, app.Checks.Of(name));
        using var page = await WebSignIn.PostAsync(browser, "/signin", form, name, ButlerApp.Password);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(SignedIn(page));
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(api, name, ButlerApp.Password)).StatusCode);
        Assert.Equal(MaxFailures, app.Checks.Of(name));
    }

    [Fact]
    public async Task Twenty_parallel_wrong_current_passwords_of_a_password_change_check_at_most_five_and_lock_the_account()
    {
        var name = await TestUsers.CreateAsync(app, "change", "Squad");
        var signedIn = await app.ClientForAsync(name);

        var guesses = await Task.WhenAll(Enumerable.Range(0, Guesses).Select(i =>
            signedIn.PostAsJsonAsync("/api/me/password", new { currentPassword = $"wrong-guess-{i}", newPassword = "Another-password-2" })));

        Assert.All(guesses, g => Assert.Equal(HttpStatusCode.BadRequest, g.StatusCode));
        // The sign-in that made the client, then five guesses.
        Assert.Equal(1 + MaxFailures, app.Checks.Of(name));
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(app.CreateClient(), name, ButlerApp.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await signedIn.PostAsJsonAsync("/api/me/password",
            new { currentPassword = ButlerApp.Password, newPassword = "Another-password-2" })).StatusCode);
    }

    [Fact]
    public async Task A_locked_account_is_refused_like_an_unknown_user_name_with_the_same_work()
    {
        var name = await TestUsers.CreateAsync(app, "locked", "Squad");
        var client = app.CreateClient();
        for (var i = 0; i < MaxFailures; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(client, name, $"wrong-{i}-password")).StatusCode);
        }

        var before = app.Checks.Verifications;
        var locked = await TokenAsync(client, name, ButlerApp.Password);
        var lockedWork = app.Checks.Verifications - before;
        before = app.Checks.Verifications;
        var unknown = await TokenAsync(client, "nobody-" + Guid.NewGuid().ToString("N")[..8], ButlerApp.Password);
        var unknownWork = app.Checks.Verifications - before;
        var wrong = await TokenAsync(client, "squad", "not-the-password");

        var lockedRefusal = await RefusalAsync(locked);
        Assert.Equal(await RefusalAsync(unknown), lockedRefusal);
        Assert.Equal(await RefusalAsync(wrong), lockedRefusal);
        // One password hash computed for each refusal, as for a real check, so the time taken tells nothing either.
        Assert.Equal(1, lockedWork);
        Assert.Equal(1, unknownWork);

        var browser = Browser();
        var lockedPage = await (await WebSignIn.SignInAsync(browser, name, ButlerApp.Password)).Content.ReadAsStringAsync();
        var unknownPage = await (await WebSignIn.SignInAsync(browser, "nobody-" + Guid.NewGuid().ToString("N")[..8], ButlerApp.Password)).Content.ReadAsStringAsync();
        Assert.Equal(ErrorOf(unknownPage), ErrorOf(lockedPage));
    }

    [Fact]
    public async Task A_correct_password_after_the_fifth_failure_is_refused_until_the_lock_out_ends()
    {
        var name = await TestUsers.CreateAsync(app, "window", "Squad");
        var client = app.CreateClient();
        for (var i = 0; i < MaxFailures - 1; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(client, name, $"wrong-{i}-password")).StatusCode);
        }
        // Four failures are forgiven by the right password; the count starts again.
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(client, name, ButlerApp.Password)).StatusCode);
        for (var i = 0; i < MaxFailures; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(client, name, $"wrong-{i}-password")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(client, name, ButlerApp.Password)).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(client, name, ButlerApp.Password)).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(client, name, ButlerApp.Password)).StatusCode);
        // A new window: one failure after the lock-out does not lock again.
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(client, name, "wrong-again-password")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(client, name, ButlerApp.Password)).StatusCode);
        Assert.Equal(4 + 1 + MaxFailures + 1 + 1 + 1, app.Checks.Of(name));
    }

    [Fact]
    public async Task An_administrators_lock_outlasts_any_lock_out_and_unlocking_forgives_the_failures()
    {
        var name = await TestUsers.CreateAsync(app, "admlock", "Squad");
        var admin = await app.ClientForAsync("admin");
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/users/{name}/lock", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(client, name, ButlerApp.Password)).StatusCode);
        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(client, name, ButlerApp.Password)).StatusCode);
        Assert.Equal(0, app.Checks.Of(name));

        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync("admin")).PostAsync($"/api/users/{name}/unlock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(client, name, ButlerApp.Password)).StatusCode);
    }

    private static string ErrorOf(string html)
    {
        var start = html.IndexOf("role=\"alert\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "The sign-in page shows no error.");
        return html[start..html.IndexOf("</div>", start, StringComparison.Ordinal)];
    }
}

public sealed class SqliteSignInLockoutTests(CountedSignInSqliteApp app) : SignInLockoutTests(app), IClassFixture<CountedSignInSqliteApp>;

public sealed class PostgresSignInLockoutTests(CountedSignInPostgresApp app) : SignInLockoutTests(app), IClassFixture<CountedSignInPostgresApp>;
