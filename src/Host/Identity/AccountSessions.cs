using System.Security.Claims;
using Butler.Host.Configuration;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Butler.Host.Identity;

/// <summary>
/// Tells whether a session (an access token, a designer's circuit token, an open page) still belongs to its account
/// as it is now: same security stamp in the database. What a host read is trusted for
/// <see cref="AuthOptions.SessionCheckInterval"/>, so a lock on one host ends the session on every host sharing the
/// database within that time, for one small query per account and interval.
/// </summary>
public sealed class AccountSessions(IServiceScopeFactory scopes, IMemoryCache cache, IOptions<ButlerOptions> options, IOptions<IdentityOptions> identity)
{
    private sealed record CurrentStamp(string? Fingerprint);

    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var claims = identity.Value.ClaimsIdentity;
        if (SecurityStamps.UserIdOf(principal, claims) is not { } userId || SecurityStamps.Of(principal, claims) is not { } fingerprint)
        {
            return false;
        }
        var current = await cache.GetOrCreateAsync(Key(userId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = options.Value.Auth.SessionCheckInterval;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ButlerIdentityDbContext>();
            var stamp = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.SecurityStamp).FirstOrDefaultAsync(ct);
            return new CurrentStamp(SecurityStamps.Fingerprint(stamp));
        });
        return string.Equals(current?.Fingerprint, fingerprint, StringComparison.Ordinal);
    }

    /// <summary>Drops what this host read of an account, after changing its stamp here: its sessions end on this host at once.</summary>
    public void Forget(string userId) => cache.Remove(Key(userId));

    private static (string, string) Key(string userId) => ("butler:security-stamp", userId);
}
