using System.Net;
using Butler.Host.Tests.Support;

namespace Butler.Host.Tests.Identity;

/// <summary>A token's lifetime is read on the host's clock (a fake one here), as everything in Butler reads time.</summary>
public sealed class TokenLifetimeTests(CountedSignInSqliteApp app) : IClassFixture<CountedSignInSqliteApp>
{
    [Fact]
    public async Task A_token_works_for_its_lifetime_and_is_401_after_it()
    {
        var name = await TestUsers.CreateAsync(app, "lifetime", "Squad");
        var client = await app.ClientForAsync(name);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);

        app.Clock.Advance(TimeSpan.FromHours(8) - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);

        // Past the lifetime and the 30 s allowed for clocks that differ between hosts.
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientForAsync(name)).GetAsync("/api/me")).StatusCode);
    }
}
