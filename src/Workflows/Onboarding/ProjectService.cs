using System.Globalization;
using System.Text.Json.Nodes;
using Butler.Workflows.Input;
using Butler.Workflows.Notifications;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Butler.Workflows.Onboarding;

/// <summary>What a caller gives to create a project (from the API or a converted lead).</summary>
public sealed record ProjectInput(
    string? Name,
    string? Company,
    string? Chain,
    decimal? PlannedInvestment,
    DateOnly? ContractDate,
    Guid? LeaderId,
    Guid? SquadId,
    string? PlannedStartMonth = null,
    bool HighTech = false,
    bool ChainGapFilling = false,
    Guid? LeadId = null);

/// <summary>A change to a project; null leaves a value as it is.</summary>
public sealed record ProjectUpdate(
    string? Name = null,
    string? Company = null,
    string? Chain = null,
    decimal? PlannedInvestment = null,
    string? PlannedStartMonth = null,
    string? Stage = null,
    string? Closing = null,
    bool? HighTech = null,
    bool? ChainGapFilling = null,
    string? Note = null,
    int? Revision = null);

/// <summary>A problem raised on a project.</summary>
public sealed record ProblemInput(string? Kind, Butler.Workflows.Activities.LocalizedText? Title, string? Description, string? Owner, DateTimeOffset? DueAt);

/// <summary>Creates and changes projects; every project runs the butler pipeline, every problem its own tracking run.</summary>
public sealed class ProjectService(
    IDbContextFactory<ButlerDbContext> dbFactory,
    WorkflowRunner runner,
    TimeProvider time,
    IOptions<OnboardingOptions> options,
    Calendar.CalendarService calendars,
    IUserDirectory users)
{

    /// <summary>The correlation id of the runs that belong to a project.</summary>
    public static string Correlation(Guid projectId) => $"project:{projectId:D}";

    /// <summary>The project a run belongs to, read back from its correlation id; null for runs of anything else.</summary>
    public static Guid? ProjectIdOf(string? correlation) =>
        correlation is not null && correlation.StartsWith("project:", StringComparison.Ordinal)
            && Guid.TryParse(correlation.AsSpan("project:".Length), out var id) ? id : null;

    /// <summary>Creates the project and starts its butler pipeline in one transaction.</summary>
    public async Task<OperationResult<Guid>> CreateAsync(ProjectInput input, Actor actor, IdempotencyKey? idempotencyKey = null,
        Func<ButlerDbContext, Project, CancellationToken, Task>? alongside = null, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        var name = InputRules.Name(input.Name, "name", errors);
        var company = InputRules.Name(input.Company, "company", errors);
        InputRules.Amount(input.PlannedInvestment, "plannedInvestment", errors, required: true, positive: true);
        InputRules.Date(input.ContractDate, "contractDate", errors, required: true);
        var plannedStart = InputRules.Month(input.PlannedStartMonth, "plannedStartMonth", errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var refs = await CheckReferencesAsync(db, errors, input.Chain, input.LeaderId, input.SquadId, requirePeople: true, ct);
        if (errors.Count > 0)
        {
            return OperationResult<Guid>.Invalid(errors);
        }
        var (leader, squad) = refs;
        var id = Guid.CreateVersion7(time.GetUtcNow());
        var variables = new JsonObject
        {
            ["project"] = new JsonObject
            {
                ["id"] = id.ToString("D"),
                ["name"] = name,
                ["company"] = company,
                ["chain"] = input.Chain,
                ["plannedInvestment"] = input.PlannedInvestment,
                ["leader"] = leader!.UserName,
                ["leaderName"] = leader.Name,
                ["squad"] = new JsonObject { ["role"] = squad!.RoleName },
                ["squadName"] = squad.Name.ToNode(),
                ["squadLead"] = squad.LeadUserName,
            },
            ["responsibleLeader"] = leader.UserName,
            ["teamLead"] = squad.LeadUserName,
        };
        var result = await runner.StartAsync(options.Value.PipelineDefinitionId, variables, actor, async (tx, instance, token) =>
        {
            var now = instance.CreatedAt;
            instance.CorrelationId = Correlation(id);
            var project = new Project
            {
                Id = id,
                Name = name,
                Company = company,
                ChainCode = input.Chain!,
                PlannedInvestment = input.PlannedInvestment!.Value,
                ContractDate = input.ContractDate!.Value,
                PlannedStartMonth = plannedStart,
                LeaderId = leader.Id,
                SquadId = squad.Id,
                Stage = ProjectStage.Signed,
                HighTech = input.HighTech,
                ChainGapFilling = input.ChainGapFilling,
                LeadId = input.LeadId,
                PipelineInstanceId = instance.Id,
                CreatedBy = actor.UserName,
                CreatedAt = now,
                UpdatedAt = now,
            };
            tx.Projects.Add(project);
            ProjectLedger.Add(tx, id, LedgerKind.Created, actor.UserName, now,
                $"{project.Name} ({project.Company}): {project.PlannedInvestment.ToString("0.##", CultureInfo.InvariantCulture)} CNY",
                new JsonObject { ["name"] = project.Name, ["company"] = project.Company, ["plannedInvestment"] = project.PlannedInvestment });
            if (alongside is not null)
            {
                await alongside(tx, project, token);
            }
        }, idempotencyKey, ct);
        if (result is { IsOk: true, WasDuplicate: true })
        {
            // The key's first request made the project; its pipeline is the run the key remembers.
            var first = await db.Projects.AsNoTracking().Where(p => p.PipelineInstanceId == result.Value).Select(p => p.Id).FirstAsync(ct);
            return OperationResult<Guid>.Ok(first) with { WasDuplicate = true };
        }
        return result.IsOk ? OperationResult<Guid>.Ok(id) : result;
    }

    /// <summary>Changes a project; a stage change is journalled in the ledger, reaching production tells the pipeline.</summary>
    public async Task<OperationResult<Project>> UpdateAsync(Guid id, ProjectUpdate update, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.Projects.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (project is null)
        {
            return OperationResult<Project>.NotFound(Failure.ProjectNotFound(id));
        }
        if (update.Revision is { } revision && revision != project.Revision)
        {
            return OperationResult<Project>.Conflict(Failure.ProjectStale(revision));
        }
        var errors = new ValidationErrors();
        var name = update.Name is null ? null : InputRules.Name(update.Name, "name", errors);
        var company = update.Company is null ? null : InputRules.Name(update.Company, "company", errors);
        InputRules.Amount(update.PlannedInvestment, "plannedInvestment", errors, positive: true);
        var plannedStart = InputRules.Month(update.PlannedStartMonth, "plannedStartMonth", errors);
        ProjectStage? stage = null;
        if (update.Stage is not null)
        {
            if (WireNames.TryParse<ProjectStage>(update.Stage, out var s))
            {
                stage = s;
            }
            else
            {
                errors.Refuse("stage", Failure.OneOf("stage", WireNames.All<ProjectStage>()));
            }
        }
        ProjectClosing? closing = null;
        if (update.Closing is not null)
        {
            if (WireNames.TryParse<ProjectClosing>(update.Closing, out var c))
            {
                closing = c;
            }
            else
            {
                errors.Refuse("closing", Failure.OneOf("closing", WireNames.All<ProjectClosing>()));
            }
        }
        var note = InputRules.Text(update.Note, "note", errors);
        if (update.Chain is not null)
        {
            await CheckReferencesAsync(db, errors, update.Chain, null, null, requirePeople: false, ct);
        }
        if (errors.Count > 0)
        {
            return OperationResult<Project>.Invalid(errors);
        }
        if (project.Closing is not null && (stage is not null || closing is not null))
        {
            return OperationResult<Project>.Conflict(Failure.ProjectClosedAs(WireNames.Wire(project.Closing.Value)));
        }
        var now = time.GetUtcNow();
        var changed = new List<string>();
        void Set(string field, string? value, string current, Action<string> apply)
        {
            if (value is not null && value != current)
            {
                apply(value);
                changed.Add(field);
            }
        }
        void SetValue<T>(string field, T? value, T current, Action<T> apply)
            where T : struct
        {
            if (value is { } v && !EqualityComparer<T>.Default.Equals(v, current))
            {
                apply(v);
                changed.Add(field);
            }
        }
        Set("name", name, project.Name, v => project.Name = v);
        Set("company", company, project.Company, v => project.Company = v);
        Set("chain", update.Chain, project.ChainCode, v => project.ChainCode = v);
        SetValue("plannedInvestment", update.PlannedInvestment, project.PlannedInvestment, v => project.PlannedInvestment = v);
        if (plannedStart is not null && plannedStart != project.PlannedStartMonth)
        {
            project.PlannedStartMonth = plannedStart;
            changed.Add("plannedStartMonth");
        }
        SetValue("highTech", update.HighTech, project.HighTech, v => project.HighTech = v);
        SetValue("chainGapFilling", update.ChainGapFilling, project.ChainGapFilling, v => project.ChainGapFilling = v);
        if (changed.Count > 0)
        {
            project.UpdatedAt = now;
            ProjectLedger.Add(db, id, LedgerKind.Updated, actor.UserName, now, string.Join(", ", changed));
        }
        if (stage is { } newStage)
        {
            ProjectLedger.MoveStage(db, project, newStage, actor.UserName, now, calendars.TimeZone, "manual");
        }
        if (closing is { } close)
        {
            project.Closing = close;
            project.UpdatedAt = now;
            ProjectLedger.Add(db, id, LedgerKind.Closed, actor.UserName, now, WireNames.Wire(close));
        }
        if (note is not null)
        {
            ProjectLedger.Add(db, id, LedgerKind.Note, actor.UserName, now, note);
        }
        project.Revision++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return OperationResult<Project>.Conflict(Failure.ProjectConcurrentChange());
        }
        // The pipeline ends when the project is in production (or closed): tell it after the change is committed.
        if (project.PipelineInstanceId is { } pipeline && (project.Stage == ProjectStage.Production || project.Closing is not null))
        {
            await FinishPipelineAsync(pipeline, project, actor, ct);
        }
        return OperationResult<Project>.Ok(project);
    }

    private async Task FinishPipelineAsync(Guid pipeline, Project project, Actor actor, CancellationToken ct)
    {
        if (project.Closing == ProjectClosing.Terminated)
        {
            await runner.CancelAsync(pipeline, actor, ct);
            return;
        }
        // In construction the pipeline waits for this signal and ends by itself; a project that reached production
        // before its pipeline got there leaves steps that no longer mean anything: the run is cancelled.
        var signalled = await runner.SignalAsync(pipeline, PipelineSignals.Production, null, actor, $"project-production:{project.Id:D}", ct);
        if (signalled.Status == OperationStatus.Conflict)
        {
            await runner.CancelAsync(pipeline, actor, ct);
        }
    }

    /// <summary>Raises a problem and starts the run that reminds its owner and escalates it to the leader when overdue.</summary>
    public async Task<OperationResult<Guid>> RaiseProblemAsync(Guid projectId, ProblemInput input, Actor actor, IdempotencyKey? idempotencyKey = null, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        ProblemKind kind = default;
        if (!WireNames.TryParse(input.Kind, out kind))
        {
            errors.Refuse("kind", Failure.OneOf("kind", WireNames.All<ProblemKind>()));
        }
        var title = InputRules.Name(input.Title, "title", errors);
        var description = InputRules.Text(input.Description, "description", errors);
        var owner = await InputRules.UserAsync(users, input.Owner, "owner", errors, ct: ct);
        var now = time.GetUtcNow();
        var due = InputRules.Instant(input.DueAt, "dueAt", errors, required: true, after: now);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null)
        {
            return OperationResult<Guid>.NotFound(Failure.ProjectNotFound(projectId));
        }
        if (errors.Count > 0)
        {
            return OperationResult<Guid>.Invalid(errors);
        }
        if (project.Closing is not null)
        {
            return OperationResult<Guid>.Conflict(Failure.ProjectClosed());
        }
        var leader = await db.Leaders.AsNoTracking().FirstAsync(l => l.Id == project.LeaderId, ct);
        var squad = await db.Teams.AsNoTracking().FirstAsync(t => t.Id == project.SquadId, ct);
        var id = Guid.CreateVersion7(now);
        var variables = new JsonObject
        {
            ["project"] = new JsonObject
            {
                ["id"] = project.Id.ToString("D"),
                ["name"] = project.Name,
                ["leader"] = leader.UserName,
                ["squad"] = new JsonObject { ["role"] = squad.RoleName },
            },
            ["problem"] = new JsonObject
            {
                ["id"] = id.ToString("D"),
                ["kind"] = WireNames.Wire(kind),
                ["title"] = title.ToNode(),
                ["owner"] = owner,
                ["dueAt"] = input.DueAt!.Value.ToString("O", CultureInfo.InvariantCulture),
            },
            ["responsibleLeader"] = leader.UserName,
            ["teamLead"] = squad.LeadUserName,
        };
        var result = await runner.StartAsync(options.Value.ProblemDefinitionId, variables, actor, (tx, instance, _) =>
        {
            instance.CorrelationId = Correlation(project.Id);
            tx.Problems.Add(new Problem
            {
                Id = id,
                ProjectId = project.Id,
                Kind = kind,
                Title = title,
                Description = description,
                RaisedBy = actor.UserName,
                Owner = owner!,
                DueAt = due!.Value,
                Status = ProblemStatus.Open,
                RaisedAt = instance.CreatedAt,
                InstanceId = instance.Id,
            });
            ProjectLedger.Add(tx, project.Id, LedgerKind.ProblemRaised, actor.UserName, instance.CreatedAt, title,
                new JsonObject { ["problemId"] = id.ToString("D"), ["kind"] = WireNames.Wire(kind) });
            return Task.CompletedTask;
        }, idempotencyKey, ct);
        if (result is { IsOk: true, WasDuplicate: true })
        {
            var first = await db.Problems.AsNoTracking().Where(p => p.InstanceId == result.Value).Select(p => p.Id).FirstAsync(ct);
            return OperationResult<Guid>.Ok(first) with { WasDuplicate = true };
        }
        return result.IsOk ? OperationResult<Guid>.Ok(id) : result;
    }

    /// <summary>Resolves a problem through its run (one transaction: the run ends, the problem and the ledger change).</summary>
    public async Task<OperationResult<Guid>> ResolveProblemAsync(Guid projectId, Guid problemId, string? resolution, Actor actor, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        var text = InputRules.Text(resolution, "resolution", errors, required: true);
        if (errors.Count > 0)
        {
            return OperationResult<Guid>.Invalid(errors);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var problem = await db.Problems.AsNoTracking().FirstOrDefaultAsync(p => p.Id == problemId && p.ProjectId == projectId, ct);
        if (problem is null)
        {
            return OperationResult<Guid>.NotFound(Failure.ProblemNotFound(problemId, projectId));
        }
        if (problem.Status == ProblemStatus.Resolved || problem.InstanceId is not { } instance)
        {
            return OperationResult<Guid>.Conflict(Failure.ProblemAlreadyResolved());
        }
        var result = await runner.SignalAsync(instance, PipelineSignals.ProblemResolved, JsonValue.Create(text), actor, null, ct);
        return result.IsOk ? OperationResult<Guid>.Ok(problemId) : result;
    }

    private static async Task<(Leader? Leader, Team? Squad)> CheckReferencesAsync(ButlerDbContext db, Dictionary<string, string[]> errors,
        string? chain, Guid? leaderId, Guid? squadId, bool requirePeople, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(chain))
        {
            errors.Refuse("chain", Failure.ChainRequired("chain"));
        }
        else if (!await db.IndustryChains.AnyAsync(c => c.Code == chain, ct))
        {
            errors.Refuse("chain", Failure.NoChain(chain));
        }
        if (!requirePeople)
        {
            return (null, null);
        }
        var leader = leaderId is { } lid ? await db.Leaders.AsNoTracking().FirstOrDefaultAsync(l => l.Id == lid, ct) : null;
        if (leader is null)
        {
            errors.Refuse("leaderId", leaderId is { } missingLeader ? Failure.NoLeader(missingLeader) : Failure.LeaderRequired("leaderId"));
        }
        var squad = squadId is { } sid ? await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == sid, ct) : null;
        if (squad is null)
        {
            errors.Refuse("squadId", squadId is { } missingTeam ? Failure.NoTeam(missingTeam) : Failure.TeamRequired("squadId"));
        }
        else if (squad.Kind != TeamKind.ServiceSquad)
        {
            errors.Refuse("squadId", Failure.NotSquad());
        }
        return (leader, squad);
    }
}
