using Butler.Designer.Api;
using Butler.Host.Tests.Support;

namespace Butler.Host.Tests.Designer;

/// <summary>The designer's API client over the test host, as a demo user (the bearer token is on the client already).</summary>
internal static class DesignerClients
{
    private sealed class TokenOnClient : IDesignerCredentials
    {
        public Task<string?> GetTokenAsync(CancellationToken ct = default) => Task.FromResult<string?>(null);
    }

    public static async Task<DesignerApi> ForAsync(ButlerApp app, string userName) =>
        new(await app.ClientForAsync(userName), new TokenOnClient());
}
