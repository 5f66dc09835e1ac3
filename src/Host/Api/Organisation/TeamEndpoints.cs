using Butler.Host.Identity;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Butler.Host.Api.Organisation;

/// <summary>
/// A team: a service squad (服务专班), an outpost bureau (驻外招商分局) or a town squad (镇街招商分队), its lead, the
/// leader it reports to and its members. Tasks assigned to <c>roleName</c> (<c>team:{id}</c>) reach its members and lead.
/// </summary>
public sealed record TeamView(Guid Id, string Name, string Kind, string? LeadUserName, Guid? LeaderId, string RoleName,
    IReadOnlyList<string> Members, DateTimeOffset CreatedAt)
{
    public static TeamView From(Team t) => new(t.Id, t.Name, WireNames.Wire(t.Kind), t.LeadUserName, t.LeaderId, t.RoleName,
        [.. t.Members.Select(m => m.UserName).Order(StringComparer.Ordinal)], t.CreatedAt);
}

/// <summary>A team as saved: unique name, kind (serviceSquad, outpost, townSquad), lead user, optional leader, member user names.</summary>
public sealed record SaveTeamRequest(string? Name, string? Kind, string? LeadUserName, Guid? LeaderId, IReadOnlyList<string>? Members);

public static class TeamEndpoints
{
    public static IEndpointRouteBuilder MapTeamEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/teams").WithTags("Organisation").RequireAuthorization();
        group.MapGet("/", List)
            .WithSummary("Teams by name, with lead, leader and members; kind=serviceSquad|outpost|townSquad filters. Any signed-in user.");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("One team with its members and the role name (team:{id}) tasks are assigned to. Any signed-in user.");
        group.MapPost("/", Create).RequireAuthorization(Policies.Admin)
            .WithSummary("Adds a team: a name used by no other team (else 409), its kind, an existing lead user, an optional leader and existing member users. Admin only.");
        group.MapPut("/{id:guid}", Update).RequireAuthorization(Policies.Admin)
            .WithSummary("Replaces a team's name, kind, lead, leader and members, with the same rules as adding one; members gain or lose its tasks at once. Admin only.");
        return app;
    }

    private static async Task<Results<Ok<PagedList<TeamView>>, ValidationProblem>> List(
        IDbContextFactory<ButlerDbContext> dbFactory, string? kind, int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        var errors = Paging.Check(page, pageSize) ?? [];
        TeamKind kindValue = default;
        if (kind is not null && !WireNames.TryParse(kind, out kindValue))
        {
            errors["kind"] = [$"kind is {WireNames.Choices<TeamKind>()}."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Teams.AsNoTracking();
        if (kind is not null)
        {
            query = query.Where(t => t.Kind == kindValue);
        }
        var total = await query.CountAsync(ct);
        var items = await query.Include(t => t.Members).OrderBy(t => t.Name).ThenBy(t => t.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).AsSplitQuery().ToListAsync(ct);
        return TypedResults.Ok(new PagedList<TeamView>([.. items.Select(TeamView.From)], total, page, pageSize));
    }

    private static async Task<Results<Ok<TeamView>, ProblemHttpResult>> Get(Guid id, IDbContextFactory<ButlerDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var team = await db.Teams.AsNoTracking().Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id, ct);
        return team is null
            ? ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", $"No team {id}.")
            : TypedResults.Ok(TeamView.From(team));
    }

    private static async Task<Results<Created<TeamView>, ValidationProblem, ProblemHttpResult>> Create(
        SaveTeamRequest request, IDbContextFactory<ButlerDbContext> dbFactory, UserManager<ButlerUser> users, TimeProvider time, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (errors, team) = await CheckAsync(request, db, users, ct);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (await db.Teams.AnyAsync(t => t.Name == team.Name, ct))
        {
            return NameTaken(team.Name);
        }
        var now = time.GetUtcNow();
        var created = new Team { Id = Guid.CreateVersion7(now), CreatedAt = now };
        team.ApplyTo(created);
        db.Teams.Add(created);
        if (await SaveAsync(db, team.Name, ct) is { } conflict)
        {
            return conflict;
        }
        return TypedResults.Created($"/api/teams/{created.Id}", TeamView.From(created));
    }

    private static async Task<Results<Ok<TeamView>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, SaveTeamRequest request, IDbContextFactory<ButlerDbContext> dbFactory, UserManager<ButlerUser> users, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.Teams.Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (existing is null)
        {
            return ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", $"No team {id}.");
        }
        var (errors, team) = await CheckAsync(request, db, users, ct);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (await db.Teams.AnyAsync(t => t.Id != id && t.Name == team.Name, ct))
        {
            return NameTaken(team.Name);
        }
        team.ApplyTo(existing);
        if (await SaveAsync(db, team.Name, ct) is { } conflict)
        {
            return conflict;
        }
        return TypedResults.Ok(TeamView.From(existing));
    }

    private static ProblemHttpResult NameTaken(string name) =>
        ApiResults.Problem(StatusCodes.Status409Conflict, "Conflict", $"Another team is already named '{name}'.");

    private static async Task<ProblemHttpResult?> SaveAsync(ButlerDbContext db, string name, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException)
        {
            return NameTaken(name);
        }
    }

    private sealed record CheckedTeam(string Name, TeamKind Kind, string LeadUserName, Guid? LeaderId, List<string> Members)
    {
        public void ApplyTo(Team team)
        {
            team.Name = Name;
            team.Kind = Kind;
            team.LeadUserName = LeadUserName;
            team.LeaderId = LeaderId;
            team.Members.RemoveAll(m => !Members.Contains(m.UserName, StringComparer.Ordinal));
            foreach (var member in Members.Where(name => !team.Members.Any(m => m.UserName == name)))
            {
                team.Members.Add(new TeamMember { TeamId = team.Id, UserName = member });
            }
        }
    }

    private static async Task<(Dictionary<string, string[]> Errors, CheckedTeam Team)> CheckAsync(
        SaveTeamRequest request, ButlerDbContext db, UserManager<ButlerUser> users, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var name = OrganisationEndpoints.Required(request.Name, "name", 200, errors);
        TeamKind kind = default;
        if (!WireNames.TryParse(request.Kind, out kind))
        {
            errors["kind"] = [$"kind is {WireNames.Choices<TeamKind>()}."];
        }
        var lead = "";
        if (string.IsNullOrWhiteSpace(request.LeadUserName))
        {
            errors["leadUserName"] = ["leadUserName is required: the user who leads the team."];
        }
        else if (await OrganisationEndpoints.FindUserAsync(users, request.LeadUserName) is { } leadUser)
        {
            lead = leadUser.UserName!;
        }
        else
        {
            errors["leadUserName"] = [$"There is no user '{request.LeadUserName.Trim()}'."];
        }
        if (request.LeaderId is { } leaderId && !await db.Leaders.AnyAsync(l => l.Id == leaderId, ct))
        {
            errors["leaderId"] = [$"There is no leader {leaderId}."];
        }
        var members = new List<string>();
        var given = request.Members ?? [];
        for (var i = 0; i < given.Count; i++)
        {
            if (await OrganisationEndpoints.FindUserAsync(users, given[i]) is { } member)
            {
                // The same person written twice (or in another case) is one member.
                if (!members.Contains(member.UserName!, StringComparer.Ordinal))
                {
                    members.Add(member.UserName!);
                }
            }
            else
            {
                errors[$"members[{i}]"] = [string.IsNullOrWhiteSpace(given[i]) ? "A member needs a user name." : $"There is no user '{given[i].Trim()}'."];
            }
        }
        return (errors, new CheckedTeam(name, kind, lead, request.LeaderId, members));
    }
}
