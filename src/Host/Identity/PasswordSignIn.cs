using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Butler.Host.Identity;

/// <summary>
/// Checks a user name and password for every way of signing in (<c>POST /api/auth/token</c> and the sign-in page). A
/// guess first reserves one of the account's attempts with a conditional update of its row, so guesses sent at once,
/// to one host or several, check at most <see cref="LockoutOptions.MaxFailedAccessAttempts"/> passwords before the
/// account is locked for <see cref="LockoutOptions.DefaultLockoutTimeSpan"/>; the reservation that takes the last
/// attempt starts the lock-out, so even a crash in the middle of a check cannot leave the account open to more.
/// Every refusal looks alike and costs one password hash, so neither the answer nor its time tells whether an account
/// exists or is locked.
/// </summary>
public sealed partial class PasswordSignIn(
    ButlerIdentityDbContext db,
    UserManager<ButlerUser> users,
    IPasswordHasher<ButlerUser> hasher,
    IOptions<IdentityOptions> identity,
    TimeProvider time,
    ILogger<PasswordSignIn> logger)
{
    /// <summary>How often one request tries again after another changed the account's row first; each loss is another's win.</summary>
    private const int MaxRounds = 50;

    private static readonly ButlerUser Decoy = new();

    /// <summary>A hash of a random password, checked instead of a real one so that a refusal costs what a check costs.</summary>
    private static readonly Lazy<string> DecoyHash = new(() =>
        new PasswordHasher<ButlerUser>().HashPassword(Decoy, Convert.ToHexString(RandomNumberGenerator.GetBytes(16))));

    private LockoutOptions Lockout => identity.Value.Lockout;

    /// <summary>The account when the password is right and the account not locked; null for every refusal alike.</summary>
    public async Task<ButlerUser?> CheckAsync(string userName, string password, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        var normalized = users.NormalizeName(userName);
        var id = await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized).Select(u => u.Id).FirstOrDefaultAsync(ct);
        if (id is null || !await ReserveAttemptAsync(id, ct))
        {
            hasher.VerifyHashedPassword(Decoy, DecoyHash.Value, password);
            LogRefused(logger, userName);
            return null;
        }
        var user = await users.FindByIdAsync(id);
        if (user is null || !await users.CheckPasswordAsync(user, password))
        {
            LogWrongPassword(logger, userName);
            return null;
        }
        if (!await ForgiveFailuresAsync(id, ct))
        {
            LogRefused(logger, userName);
            return null;
        }
        // The row changed behind the tracked copy; the caller gets the account as it is now.
        db.Entry(user).State = EntityState.Detached;
        return await users.FindByIdAsync(id);
    }

    private sealed record AttemptState(int AccessFailedCount, DateTimeOffset? LockoutEnd, string? ConcurrencyStamp);

    private Task<AttemptState?> ReadAsync(string id, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new AttemptState(u.AccessFailedCount, u.LockoutEnd, u.ConcurrencyStamp))
            .FirstOrDefaultAsync(ct);

    /// <summary>
    /// Writes the new counters only if nobody changed the row since it was read (Identity's concurrency stamp, which
    /// every change of the row renews): a compare-and-swap that works alike on every database provider.
    /// </summary>
    private async Task<bool> WriteAsync(string id, AttemptState read, int failures, DateTimeOffset? lockoutEnd, CancellationToken ct)
    {
        var stamp = Guid.NewGuid().ToString();
        var expected = read.ConcurrencyStamp;
        var written = await db.Users.Where(u => u.Id == id && u.ConcurrencyStamp == expected)
            .ExecuteUpdateAsync(s => s
                .SetProperty(u => u.AccessFailedCount, failures)
                .SetProperty(u => u.LockoutEnd, lockoutEnd)
                .SetProperty(u => u.ConcurrencyStamp, stamp), ct);
        return written == 1;
    }

    /// <summary>Counts the attempt as a failure before its password is checked; false when no attempt is left.</summary>
    private async Task<bool> ReserveAttemptAsync(string id, CancellationToken ct)
    {
        for (var round = 0; round < MaxRounds; round++)
        {
            var state = await ReadAsync(id, ct);
            if (state is null)
            {
                return false;
            }
            var now = time.GetUtcNow();
            if (state.LockoutEnd > now)
            {
                return false;
            }
            // A lock-out that has ended leaves its count behind: the next attempt starts a new window.
            var attempt = (state.LockoutEnd is null ? state.AccessFailedCount : 0) + 1;
            var last = attempt >= Lockout.MaxFailedAccessAttempts;
            if (await WriteAsync(id, state, Math.Min(attempt, Lockout.MaxFailedAccessAttempts), last ? now + Lockout.DefaultLockoutTimeSpan : null, ct))
            {
                if (last)
                {
                    LogLockedOut(logger, id, Lockout.DefaultLockoutTimeSpan);
                }
                return attempt <= Lockout.MaxFailedAccessAttempts;
            }
        }
        return false;
    }

    /// <summary>
    /// A right password forgives the failures counted so far and a lock-out started by guesses checked beside it (a
    /// lock-out that came before it would have refused its reservation); not a lock set by an administrator meanwhile,
    /// which ends later than any lock-out a failure starts.
    /// </summary>
    private async Task<bool> ForgiveFailuresAsync(string id, CancellationToken ct)
    {
        for (var round = 0; round < MaxRounds; round++)
        {
            var state = await ReadAsync(id, ct);
            if (state is null || state.LockoutEnd > time.GetUtcNow() + Lockout.DefaultLockoutTimeSpan)
            {
                return false;
            }
            if ((state.AccessFailedCount == 0 && state.LockoutEnd is null) || await WriteAsync(id, state, 0, null, ct))
            {
                return true;
            }
        }
        // Still contended after every round: the password was right; the count is forgiven by the next success.
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in refused for {UserName}: no such account, or locked")]
    private static partial void LogRefused(ILogger logger, string userName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in failed for {UserName}: wrong password")]
    private static partial void LogWrongPassword(ILogger logger, string userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {UserId} locked out for {Duration} after repeated failed sign-ins")]
    private static partial void LogLockedOut(ILogger logger, string userId, TimeSpan duration);
}
