using System.Security.Claims;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;

namespace Butler.Host.Identity;

/// <summary>
/// Gives a signed-in user the role <c>team:{id}</c> of every team they are a member or the lead of, so tasks assigned
/// to a team reach its people, and a <see cref="RepresentsType"/> claim for everyone whose out-of-office proxy (代理人)
/// they are right now. Looked up on each request (two small queries): a change of membership or a proxy counts at once,
/// without a new token.
/// </summary>
public sealed class TeamRoleClaims(IDbContextFactory<ButlerDbContext> dbFactory, Api.Proxies.Proxies proxies) : IClaimsTransformation
{
    /// <summary>Marks a principal already transformed; authentication may run more than once per request.</summary>
    public const string MarkerType = "butler:teams";

    public const string RoleType = "role";

    /// <summary>One claim per person the user stands in for as proxy; <c>ToActor</c> reads them into <c>Actor.Represents</c>.</summary>
    public const string RepresentsType = "butler:represents";

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity is not { IsAuthenticated: true, Name: { Length: > 0 } name } || principal.HasClaim(c => c.Type == MarkerType))
        {
            return principal;
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        var teamIds = await db.Teams.AsNoTracking()
            .Where(t => t.LeadUserName == name || t.Members.Any(m => m.UserName == name))
            .Select(t => t.Id)
            .ToListAsync();
        var transformed = principal.Clone();
        var identity = (ClaimsIdentity)transformed.Identity!;
        identity.AddClaim(new Claim(MarkerType, teamIds.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var id in teamIds)
        {
            identity.AddClaim(new Claim(RoleType, Butler.Workflows.Onboarding.Team.RolePrefix + id.ToString("D")));
        }
        foreach (var principalName in await proxies.RepresentedAsync(name))
        {
            identity.AddClaim(new Claim(RepresentsType, principalName));
        }
        return transformed;
    }
}
