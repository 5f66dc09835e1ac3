using Butler.Host.Identity;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Butler.Host.Api.Organisation;

/// <summary>An industry chain with its name in both languages.</summary>
public sealed record ChainView(string Code, string NameZh, string NameEn)
{
    public static ChainView From(IndustryChain c) => new(c.Code, c.NameZh, c.NameEn);

    /// <summary>A chain by code from a loaded set; a code without a row (never, given the foreign keys) shows the code.</summary>
    public static ChainView Of(string code, IReadOnlyDictionary<string, IndustryChain> chains) =>
        chains.TryGetValue(code, out var c) ? From(c) : new(code, code, code);
}

public static class OrganisationEndpoints
{
    /// <summary>The organisation: industry chains, leaders and teams. Everyone signed in reads; administrators edit.</summary>
    public static IEndpointRouteBuilder MapOrganisationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapChainEndpoints();
        app.MapLeaderEndpoints();
        app.MapTeamEndpoints();
        return app;
    }

    /// <summary>Team membership as roles (<c>team:{id}</c> claims on every request) and the team directory the API and pages share.</summary>
    public static WebApplicationBuilder AddButlerOrganisation(this WebApplicationBuilder builder)
    {
        builder.Services.AddTransient<IClaimsTransformation, TeamRoleClaims>();
        builder.Services.AddSingleton<TeamDirectory>();
        return builder;
    }

    /// <summary>Every chain in a dictionary by code (there are a handful).</summary>
    internal static async Task<Dictionary<string, IndustryChain>> ChainsAsync(ButlerDbContext db, CancellationToken ct) =>
        await db.IndustryChains.AsNoTracking().ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, ct);

    /// <summary>The user account with this name, or null; the name as stored in the identity store is its canonical spelling.</summary>
    internal static async Task<ButlerUser?> FindUserAsync(UserManager<ButlerUser> users, string? userName) =>
        string.IsNullOrWhiteSpace(userName) ? null : await users.FindByNameAsync(userName.Trim());
}
