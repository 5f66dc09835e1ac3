using System.Security.Claims;
using Butler.Designer;
using Butler.Designer.Api;
using Butler.Host.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Butler.Host.Components.Designer;

/// <summary>Options of the hosted designer.</summary>
public sealed class DesignerHostOptions
{
    public const string Section = "Butler:Designer";

    /// <summary>
    /// Where the designer reaches the API. Empty: the first address this host listens on, with a wildcard host read as
    /// localhost. Set it when the host listens only on a socket the process cannot call itself through.
    /// </summary>
    public string? ApiBaseAddress { get; set; }
}

/// <summary>Issues the designer a short-lived bearer token for the circuit's signed-in user, renewed before it expires.</summary>
public sealed class CircuitDesignerCredentials(AuthenticationStateProvider authentication, TokenService tokens, TimeProvider time,
    IOptions<IdentityOptions> identity) : IDesignerCredentials
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private string? _token;
    private DateTimeOffset _renewAt;

    public async Task<string?> GetTokenAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        if (_token is not null && now < _renewAt)
        {
            return _token;
        }
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue(JwtRegisteredClaimNames.Sub);
        if (user.Identity is not { IsAuthenticated: true, Name: { Length: > 0 } name } || id is null)
        {
            return null;
        }
        // Team roles are looked up on every request by TeamRoleClaims; only the account's own roles travel in the token.
        var roles = user.FindAll(TeamRoleClaims.RoleType).Select(c => c.Value)
            .Where(r => !r.StartsWith(Butler.Workflows.Onboarding.Team.RolePrefix, StringComparison.Ordinal)).Distinct();
        // Bound to the stamp the circuit signed in with: once the account is locked or changed, renewing gives only refused tokens.
        // The circuit's language (the app bar's choice or the profile's, resolved when the circuit began) is the API's reader language.
        _token = tokens.Issue(id, name, roles, Lifetime, SecurityStamps.Of(user, identity.Value.ClaimsIdentity),
            Butler.Workflows.Activities.Languages.Current);
        _renewAt = now + Lifetime - TimeSpan.FromMinutes(1);
        return _token;
    }
}

public static class DesignerHosting
{
    /// <summary>The designer at /designer: its API client, calling this host's own API with the user's token.</summary>
    public static WebApplicationBuilder AddButlerDesignerHosting(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DesignerHostOptions>().BindConfiguration(DesignerHostOptions.Section);
        builder.Services.AddScoped<IDesignerCredentials, CircuitDesignerCredentials>();
        builder.Services.AddButlerDesigner((sp, client) => client.BaseAddress = ApiBaseAddress(sp));
        return builder;
    }

    internal static Uri ApiBaseAddress(IServiceProvider services)
    {
        var configured = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DesignerHostOptions>>().Value.ApiBaseAddress;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new Uri(configured.EndsWith('/') ? configured : configured + "/");
        }
        var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        // No address (an in-memory test server): calls fail as "cannot be reached", shown on the page, never a 500.
        var address = addresses.OrderBy(a => a.StartsWith("https", StringComparison.OrdinalIgnoreCase) ? 1 : 0).FirstOrDefault() ?? "http://localhost/";
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "localhost";
        }
        uri.Path = "/";
        return uri.Uri;
    }
}
