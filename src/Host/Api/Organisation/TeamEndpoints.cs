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

/// <summary>
/// A team: a service squad (服务专班), an outpost bureau (驻外招商分局) or a town squad (镇街招商分队), its lead, the
/// leader it reports to and its members. Tasks assigned to <c>roleName</c> (<c>team:{id}</c>) reach its members and lead.
/// </summary>
public sealed record TeamView(Guid Id, Butler.Workflows.Activities.LocalizedText Name, string Kind, string? LeadUserName, Guid? LeaderId, string RoleName,
    IReadOnlyList<string> Members, DateTimeOffset CreatedAt)
{
    public static TeamView From(Team t) => new(t.Id, t.Name, WireNames.Wire(t.Kind), t.LeadUserName, t.LeaderId, t.RoleName,
        [.. t.Members.Select(m => m.UserName).Order(StringComparer.Ordinal)], t.CreatedAt);
}

/// <summary>A team as saved: unique name, kind (serviceSquad, outpost, townSquad), lead user, optional leader, member user names.</summary>
public sealed record SaveTeamRequest(Butler.Workflows.Activities.LocalizedText? Name, string? Kind, string? LeadUserName, Guid? LeaderId, IReadOnlyList<string>? Members);

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
        TeamDirectory teams, string? kind, int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        var errors = Paging.Check(page, pageSize) ?? [];
        TeamKind kindValue = default;
        if (kind is not null && !WireNames.TryParse(kind, out kindValue))
        {
            errors.Refuse("kind", Failure.OneOf("kind", WireNames.All<TeamKind>()));
        }
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        return TypedResults.Ok(await teams.ListAsync(kind is null ? null : kindValue, page, pageSize, ct));
    }

    private static async Task<Results<Ok<TeamView>, ProblemHttpResult>> Get(Guid id, TeamDirectory teams, CancellationToken ct) =>
        await teams.GetAsync(id, ct) is { } team
            ? TypedResults.Ok(team)
            : ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", Failure.TeamNotFound(id));

    private static async Task<Results<Created<TeamView>, ValidationProblem, ProblemHttpResult>> Create(
        SaveTeamRequest request, TeamDirectory teams, CancellationToken ct)
    {
        var saved = await teams.SaveAsync(null, request, ct);
        if (saved.Team is { } team)
        {
            return TypedResults.Created($"/api/teams/{team.Id}", team);
        }
        return saved.Errors is { } errors ? ApiResults.Invalid(errors) : NameTaken(saved.Problem!);
    }

    private static async Task<Results<Ok<TeamView>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, SaveTeamRequest request, TeamDirectory teams, CancellationToken ct)
    {
        var saved = await teams.SaveAsync(id, request, ct);
        if (saved.Team is { } team)
        {
            return TypedResults.Ok(team);
        }
        if (saved.NotFound)
        {
            return ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", saved.Problem!);
        }
        return saved.Errors is { } errors ? ApiResults.Invalid(errors) : NameTaken(saved.Problem!);
    }

    private static ProblemHttpResult NameTaken(Failure why) => ApiResults.Problem(StatusCodes.Status409Conflict, "Conflict", why);
}

/// <summary>The outcome of saving a team: the team, or invalid fields, or a missing team, or a name taken (<see cref="Problem"/>).</summary>
public sealed record TeamSave(TeamView? Team, Dictionary<string, string[]>? Errors = null, bool NotFound = false, Failure? Problem = null);

public sealed record LeaderChoice(Guid Id, string Name, LocalizedText? Title);

/// <summary>Reads and saves teams for the team API and the teams page alike; each call uses its own scope.</summary>
public sealed class TeamDirectory(IDbContextFactory<ButlerDbContext> dbFactory, IServiceScopeFactory scopes, TimeProvider time)
{
    public async Task<PagedList<TeamView>> ListAsync(TeamKind? kind, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Teams.AsNoTracking();
        if (kind is { } k)
        {
            query = query.Where(t => t.Kind == k);
        }
        var total = await query.CountAsync(ct);
        var items = await query.Include(t => t.Members).OrderBy(t => t.Name).ThenBy(t => t.Id)
            .Skip(Paging.Skip(page, pageSize)).Take(pageSize).AsSplitQuery().ToListAsync(ct);
        return new PagedList<TeamView>([.. items.Select(TeamView.From)], total, page, pageSize);
    }

    public async Task<TeamView?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var team = await db.Teams.AsNoTracking().Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id, ct);
        return team is null ? null : TeamView.From(team);
    }

    /// <summary>Adds a team (no <paramref name="id"/>) or replaces one: a unique name, its kind, an existing lead, leader and members.</summary>
    public async Task<TeamSave> SaveAsync(Guid? id, SaveTeamRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        Team? existing = null;
        if (id is { } teamId)
        {
            existing = await db.Teams.Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == teamId, ct);
            if (existing is null)
            {
                return new(null, NotFound: true, Problem: Failure.TeamNotFound(teamId));
            }
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
        var (errors, team) = await CheckAsync(request, db, users, ct);
        if (errors.Count > 0)
        {
            return new(null, errors);
        }
        if (await db.Teams.AnyAsync(t => t.Id != id && t.Name == team.Name, ct))
        {
            return new(null, Problem: Failure.TeamNameTaken(team.Name.Current));
        }
        if (existing is null)
        {
            var now = time.GetUtcNow();
            existing = new Team { Id = Guid.CreateVersion7(now), CreatedAt = now };
            db.Teams.Add(existing);
        }
        team.ApplyTo(existing);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return new(null, Problem: Failure.TeamNameTaken(team.Name.Current));
        }
        return new(TeamView.From(existing));
    }

    /// <summary>The leaders a team may report to, by name, for a choice list.</summary>
    public async Task<IReadOnlyList<LeaderChoice>> LeaderChoicesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Leaders.AsNoTracking().OrderBy(l => l.Name).Select(l => new LeaderChoice(l.Id, l.Name, l.Title)).ToListAsync(ct);
    }


    private sealed record CheckedTeam(Butler.Workflows.Activities.LocalizedText Name, TeamKind Kind, string LeadUserName, Guid? LeaderId, List<string> Members)
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
        var errors = new ValidationErrors();
        var name = InputRules.Name(request.Name, "name", errors);
        TeamKind kind = default;
        if (!WireNames.TryParse(request.Kind, out kind))
        {
            errors.Refuse("kind", Failure.OneOf("kind", WireNames.All<TeamKind>()));
        }
        var lead = "";
        if (string.IsNullOrWhiteSpace(request.LeadUserName))
        {
            errors.Refuse("leadUserName", Failure.LeadUserRequired("leadUserName"));
        }
        else if (await OrganisationEndpoints.FindUserAsync(users, request.LeadUserName) is { } leadUser)
        {
            lead = leadUser.UserName!;
        }
        else
        {
            errors.Refuse("leadUserName", Failure.NoUser(request.LeadUserName.Trim()));
        }
        if (request.LeaderId is { } leaderId && !await db.Leaders.AnyAsync(l => l.Id == leaderId, ct))
        {
            errors.Refuse("leaderId", Failure.NoLeader(leaderId));
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
                errors.Refuse($"members[{i}]", string.IsNullOrWhiteSpace(given[i]) ? Failure.MemberRequired() : Failure.NoUser(given[i].Trim()));
            }
        }
        return (errors, new CheckedTeam(name, kind, lead, request.LeaderId, members));
    }
}
