using System.Collections.Concurrent;
using Butler.Host.Identity;
using Microsoft.AspNetCore.Identity;

namespace Butler.Host.Tests.Support;

/// <summary>
/// Identity's own password hasher, counting how often a user's real password hash was checked and how many hashes
/// were computed in all, so a test can tell how many guesses reached a password and how much work a refusal cost.
/// </summary>
public sealed class PasswordChecks : IPasswordHasher<ButlerUser>
{
    private readonly PasswordHasher<ButlerUser> _inner = new();
    private readonly ConcurrentDictionary<string, int> _checks = new(StringComparer.Ordinal);
    private int _verifications;

    /// <summary>How many times the named user's stored password was checked against a guess.</summary>
    public int Of(string userName) => _checks.GetValueOrDefault(userName);

    /// <summary>Every verification, against a real hash or any other.</summary>
    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(ButlerUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(ButlerUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        if (user?.UserName is { } name && string.Equals(hashedPassword, user.PasswordHash, StringComparison.Ordinal))
        {
            _checks.AddOrUpdate(name, 1, (_, count) => count + 1);
        }
        return _inner.VerifyHashedPassword(user!, hashedPassword, providedPassword);
    }
}
