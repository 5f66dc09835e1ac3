using System.Text.RegularExpressions;
using Butler.Host.Identity;
using Butler.Workflows.Input;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Butler.Workflows.Runtime;

namespace Butler.Host.Api.Organisation;

/// <summary>A new industry chain: a short code (<c>health-food</c>) and its name in Chinese and English.</summary>
public sealed record CreateChainRequest(string? Code, string? NameZh, string? NameEn);

public static partial class ChainEndpoints
{
    public static IEndpointRouteBuilder MapChainEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/chains").WithTags("Organisation").RequireAuthorization();
        group.MapGet("/", List)
            .WithSummary("The industry chains (code, Chinese and English name), by code. Any signed-in user.");
        group.MapPost("/", Create).RequireAuthorization(Policies.Admin)
            .WithSummary("Adds an industry chain; a code already in use is 409. Admin only.");
        return app;
    }

    private static async Task<Results<Ok<PagedList<ChainView>>, ValidationProblem>> List(
        IDbContextFactory<ButlerDbContext> dbFactory, int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        if (Paging.Check(page, pageSize) is { } errors)
        {
            return ApiResults.Invalid(errors);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var total = await db.IndustryChains.CountAsync(ct);
        var items = await db.IndustryChains.AsNoTracking().OrderBy(c => c.Code)
            .Skip(Paging.Skip(page, pageSize)).Take(pageSize).ToListAsync(ct);
        return TypedResults.Ok(new PagedList<ChainView>([.. items.Select(ChainView.From)], total, page, pageSize));
    }

    private static async Task<Results<Created<ChainView>, ValidationProblem, ProblemHttpResult>> Create(
        CreateChainRequest request, IDbContextFactory<ButlerDbContext> dbFactory, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var code = request.Code?.Trim() ?? "";
        if (!CodePattern().IsMatch(code))
        {
            errors.Refuse("code", Failure.ChainCode("code"));
        }
        var nameZh = InputRules.Name(request.NameZh, "nameZh", errors, 100);
        var nameEn = InputRules.Name(request.NameEn, "nameEn", errors, 100);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.IndustryChains.AnyAsync(c => c.Code == code, ct))
        {
            return ApiResults.Problem(StatusCodes.Status409Conflict, "Conflict", Failure.ChainExists(code));
        }
        var chain = new IndustryChain { Code = code, NameZh = nameZh, NameEn = nameEn };
        db.IndustryChains.Add(chain);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return ApiResults.Problem(StatusCodes.Status409Conflict, "Conflict", Failure.ChainExists(code));
        }
        // Chains have no page of their own: the list is where they are read.
        return TypedResults.Created((string?)null, ChainView.From(chain));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,49}$")]
    private static partial Regex CodePattern();
}
