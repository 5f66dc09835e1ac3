using Butler.Host.Identity;
using Butler.Workflows.Activities;
using Butler.Workflows.Input;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Butler.Workflows.Runtime;

namespace Butler.Host.Api.Organisation;

/// <summary>A district leader (包联领导): the user account they sign in with, their office and the chains they own.</summary>
public sealed record LeaderView(Guid Id, string UserName, string Name, LocalizedText? Title, IReadOnlyList<ChainView> Chains, DateTimeOffset CreatedAt)
{
    public static LeaderView From(Leader l, IReadOnlyDictionary<string, IndustryChain> chains) =>
        new(l.Id, l.UserName, l.Name, l.Title, [.. l.Chains.Select(c => ChainView.Of(c, chains))], l.CreatedAt);
}

/// <summary>A leader as saved: an existing user in the Leader role, a name, an optional office, the codes of the chains owned.</summary>
public sealed record SaveLeaderRequest(string? UserName, string? Name, LocalizedText? Title, IReadOnlyList<string>? Chains);

public static class LeaderEndpoints
{
    public static IEndpointRouteBuilder MapLeaderEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/leaders").WithTags("Organisation").RequireAuthorization();
        group.MapGet("/", List)
            .WithSummary("The district leaders with the industry chains they own; chain=code for the owners of one chain. Any signed-in user.");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("One leader with their chains. Any signed-in user.");
        group.MapPost("/", Create).RequireAuthorization(Policies.Admin)
            .WithSummary("Adds a leader linked to an existing user account in the Leader role, owning existing chains; a user already linked is 409. Admin only.");
        group.MapPut("/{id:guid}", Update).RequireAuthorization(Policies.Admin)
            .WithSummary("Replaces a leader's account, name, office and chains, with the same rules as adding one. Admin only.");
        return app;
    }

    private static async Task<Results<Ok<PagedList<LeaderView>>, ValidationProblem>> List(
        IDbContextFactory<ButlerDbContext> dbFactory, string? chain, int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        if (Paging.Check(page, pageSize) is { } errors)
        {
            return ApiResults.Invalid(errors);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A handful of leaders: filtering their chain lists in memory keeps the query the same on every provider.
        var all = await db.Leaders.AsNoTracking().OrderBy(l => l.Name).ThenBy(l => l.Id).ToListAsync(ct);
        if (!string.IsNullOrWhiteSpace(chain))
        {
            all = [.. all.Where(l => l.Chains.Contains(chain.Trim(), StringComparer.Ordinal))];
        }
        var chains = await OrganisationEndpoints.ChainsAsync(db, ct);
        var items = all.Skip(Paging.Skip(page, pageSize)).Take(pageSize).Select(l => LeaderView.From(l, chains)).ToList();
        return TypedResults.Ok(new PagedList<LeaderView>(items, all.Count, page, pageSize));
    }

    private static async Task<Results<Ok<LeaderView>, ProblemHttpResult>> Get(Guid id, IDbContextFactory<ButlerDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var leader = await db.Leaders.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
        return leader is null
            ? ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", Failure.LeaderNotFound(id))
            : TypedResults.Ok(LeaderView.From(leader, await OrganisationEndpoints.ChainsAsync(db, ct)));
    }

    private static async Task<Results<Created<LeaderView>, ValidationProblem, ProblemHttpResult>> Create(
        SaveLeaderRequest request, IDbContextFactory<ButlerDbContext> dbFactory, UserManager<ButlerUser> users, TimeProvider time, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (errors, checkedRequest) = await CheckAsync(request, db, users, ct);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        if (await db.Leaders.AnyAsync(l => l.UserName == checkedRequest.UserName, ct))
        {
            return ApiResults.Problem(StatusCodes.Status409Conflict, "Conflict", Failure.LeaderExists(checkedRequest.UserName));
        }
        var now = time.GetUtcNow();
        var leader = new Leader { Id = Guid.CreateVersion7(now), CreatedAt = now };
        checkedRequest.ApplyTo(leader);
        db.Leaders.Add(leader);
        if (await SaveAsync(db, checkedRequest.UserName, ct) is { } conflict)
        {
            return conflict;
        }
        return TypedResults.Created($"/api/leaders/{leader.Id}", LeaderView.From(leader, await OrganisationEndpoints.ChainsAsync(db, ct)));
    }

    private static async Task<Results<Ok<LeaderView>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, SaveLeaderRequest request, IDbContextFactory<ButlerDbContext> dbFactory, UserManager<ButlerUser> users, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var leader = await db.Leaders.FirstOrDefaultAsync(l => l.Id == id, ct);
        if (leader is null)
        {
            return ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", Failure.LeaderNotFound(id));
        }
        var (errors, checkedRequest) = await CheckAsync(request, db, users, ct);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        if (await db.Leaders.AnyAsync(l => l.Id != id && l.UserName == checkedRequest.UserName, ct))
        {
            return ApiResults.Problem(StatusCodes.Status409Conflict, "Conflict", Failure.LeaderOtherExists(checkedRequest.UserName));
        }
        checkedRequest.ApplyTo(leader);
        if (await SaveAsync(db, checkedRequest.UserName, ct) is { } conflict)
        {
            return conflict;
        }
        return TypedResults.Ok(LeaderView.From(leader, await OrganisationEndpoints.ChainsAsync(db, ct)));
    }

    private static async Task<ProblemHttpResult?> SaveAsync(ButlerDbContext db, string userName, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException)
        {
            return ApiResults.Problem(StatusCodes.Status409Conflict, "Conflict", Failure.LeaderConcurrent(userName));
        }
    }

    private sealed record CheckedLeader(string UserName, string Name, LocalizedText? Title, List<string> Chains)
    {
        public void ApplyTo(Leader leader)
        {
            leader.UserName = UserName;
            leader.Name = Name;
            leader.Title = Title;
            leader.Chains = Chains;
        }
    }

    private static async Task<(Dictionary<string, string[]> Errors, CheckedLeader Leader)> CheckAsync(
        SaveLeaderRequest request, ButlerDbContext db, UserManager<ButlerUser> users, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var userName = "";
        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            errors.Refuse("userName", Failure.LeaderAccountRequired("userName"));
        }
        else if (await OrganisationEndpoints.FindUserAsync(users, request.UserName) is not { } user)
        {
            errors.Refuse("userName", Failure.NoUser(request.UserName.Trim()));
        }
        else if (!await users.IsInRoleAsync(user, Roles.Leader))
        {
            errors.Refuse("userName", Failure.NotInRole(user.UserName!, Roles.Leader));
        }
        else
        {
            userName = user.UserName!;
        }
        var name = InputRules.Name(request.Name, "name", errors, 100);
        var title = InputRules.Line(request.Title, "title", errors, 100);
        var chains = new List<string>();
        var known = await OrganisationEndpoints.ChainsAsync(db, ct);
        var given = request.Chains ?? [];
        for (var i = 0; i < given.Count; i++)
        {
            var code = given[i]?.Trim() ?? "";
            if (!known.ContainsKey(code))
            {
                errors.Refuse($"chains[{i}]", Failure.NoChain(code));
            }
            else if (chains.Contains(code, StringComparer.Ordinal))
            {
                errors.Refuse($"chains[{i}]", Failure.ListedTwice(code));
            }
            else
            {
                chains.Add(code);
            }
        }
        return (errors, new CheckedLeader(userName, name, title, chains));
    }
}
