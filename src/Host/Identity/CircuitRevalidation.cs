using Butler.Host.Configuration;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace Butler.Host.Identity;

/// <summary>
/// Checks the user of an open page (a Blazor circuit, which outlives the request that opened it) against the account
/// as often as a token is checked: once the account is locked, loses a role or gets a new password, the page loses its
/// user and sends the browser to sign in (ADR 014).
/// </summary>
public sealed class CircuitRevalidation(ILoggerFactory loggers, AccountSessions sessions, IOptions<ButlerOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => options.Value.Auth.SessionCheckInterval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        return sessions.IsCurrentAsync(authenticationState.User, cancellationToken);
    }
}
