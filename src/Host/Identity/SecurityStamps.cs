using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Butler.Host.Identity;

/// <summary>
/// How a session names the version of its account it was signed in with: a fingerprint of Identity's security stamp,
/// which changes when an account is locked, loses a role or gets a new password (ADR 014).
/// </summary>
public static class SecurityStamps
{
    /// <summary>The claim of an access token carrying the fingerprint.</summary>
    public const string ClaimType = "butler:stamp";

    /// <summary>
    /// A one-way fingerprint: an access token is readable by whoever holds it, and the stamp itself also keys Identity's
    /// time-based codes, so it never leaves the server.
    /// </summary>
    public static string? Fingerprint(string? securityStamp) => string.IsNullOrEmpty(securityStamp)
        ? null
        : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(securityStamp)));

    /// <summary>The fingerprint a principal carries: an access token's claim, or the stamp of a sign-in cookie.</summary>
    public static string? Of(ClaimsPrincipal principal, ClaimsIdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(options);
        return principal.FindFirst(ClaimType)?.Value ?? Fingerprint(principal.FindFirst(options.SecurityStampClaimType)?.Value);
    }

    /// <summary>The account a principal belongs to: an access token's subject, or the user id of a sign-in cookie.</summary>
    public static string? UserIdOf(ClaimsPrincipal principal, ClaimsIdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(options);
        return principal.FindFirst(JwtRegisteredClaimNames.Sub)?.Value ?? principal.FindFirst(options.UserIdClaimType)?.Value;
    }
}
