namespace Butler.Workflows.Onboarding;

/// <summary>An industry chain the district promotes (健康食品, 生物医药, 新材料 …), named in both languages.</summary>
public sealed class IndustryChain
{
    /// <summary>Short stable code, e.g. <c>health-food</c>.</summary>
    public string Code { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
}

/// <summary>A district leader who leads investment promotion for one or more industry chains (包联领导).</summary>
public sealed class Leader
{
    public Guid Id { get; set; }

    /// <summary>The leader's user account (Leader role); approvals and escalations go to it.</summary>
    public string UserName { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>Office held, e.g. 区委书记 / district party secretary.</summary>
    public string? Title { get; set; }

    /// <summary>Codes of the industry chains this leader owns.</summary>
    public List<string> Chains { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
}

public enum TeamKind
{
    /// <summary>服务专班: follows one or more signed projects.</summary>
    ServiceSquad,

    /// <summary>驻外招商分局: an outpost investment bureau.</summary>
    Outpost,

    /// <summary>镇街招商分队: a town or street squad.</summary>
    TownSquad,
}

/// <summary>A team of users with a team lead; its members see the tasks assigned to the team.</summary>
public sealed class Team
{
    /// <summary>The role name under which tasks are assigned to a team: <c>team:{id}</c>.</summary>
    public const string RolePrefix = "team:";

    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public TeamKind Kind { get; set; }
    public string? LeadUserName { get; set; }
    public Guid? LeaderId { get; set; }
    public List<TeamMember> Members { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }

    public string RoleName => RolePrefix + Id.ToString("D");
}

public sealed class TeamMember
{
    public Guid TeamId { get; set; }
    public string UserName { get; set; } = "";
}

public enum LeadSource
{
    Trip,
    Visit,
    Reception,
    Referral,
    Expo,
    Other,
}

/// <summary>线索 → 研判 → 深度洽谈 → 签约 | 放弃.</summary>
public enum LeadStatus
{
    New,
    Assessed,
    DeepNegotiation,
    Signed,
    Dropped,
}

/// <summary>An investment lead (线索) and how far it has come.</summary>
public sealed class Lead : Runtime.IVersioned
{
    public Guid Id { get; set; }
    public LeadSource Source { get; set; }
    public string Company { get; set; } = "";
    public string ChainCode { get; set; } = "";

    /// <summary>Intended investment in CNY.</summary>
    public decimal IntendedInvestment { get; set; }
    public string? Contact { get; set; }

    /// <summary>The user who follows the lead.</summary>
    public string Owner { get; set; } = "";
    public LeadStatus Status { get; set; }
    public string? Note { get; set; }

    /// <summary>The day the lead came in; the year of the figures counts it.</summary>
    public DateOnly ReceivedOn { get; set; }
    public DateOnly? AssessedOn { get; set; }
    public DateOnly? NegotiationOn { get; set; }
    public DateOnly? SignedOn { get; set; }
    public DateOnly? DroppedOn { get; set; }

    /// <summary>The project created when the signed lead was converted.</summary>
    public Guid? ProjectId { get; set; }

    /// <summary>The run of the lead SLA workflow (respond, assess) with its reminders.</summary>
    public Guid? SlaInstanceId { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Revision { get; set; }
}

public enum PromotionKind
{
    /// <summary>外出招商: an outbound promotion trip (counted in batches).</summary>
    Trip,

    /// <summary>拜访: a visit made to a company.</summary>
    Visit,

    /// <summary>接待考察: an investor delegation received.</summary>
    Reception,
}

/// <summary>A trip, visit or reception, with its date and people; optionally about one lead.</summary>
public sealed class PromotionActivity
{
    public Guid Id { get; set; }
    public PromotionKind Kind { get; set; }
    public DateOnly Date { get; set; }

    /// <summary>Who took part (free text: names of leaders, staff and guests).</summary>
    public string People { get; set; } = "";
    public string? Place { get; set; }
    public string? Note { get; set; }
    public Guid? LeadId { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>签约 → 手续办理 → 选址 → 建设 → 投产.</summary>
public enum ProjectStage
{
    Signed,
    Permits,
    Site,
    Construction,
    Production,
}

/// <summary>How a project's contract closed, if it has.</summary>
public enum ProjectClosing
{
    Fulfilled,
    Terminated,
}

/// <summary>A signed project and its ledger (项目台账): one leader, one service squad.</summary>
public sealed class Project : Runtime.IVersioned
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Company { get; set; } = "";
    public string ChainCode { get; set; } = "";

    /// <summary>Planned investment in CNY.</summary>
    public decimal PlannedInvestment { get; set; }
    public DateOnly ContractDate { get; set; }

    /// <summary>The first day of the month construction is planned to start.</summary>
    public DateOnly? PlannedStartMonth { get; set; }
    public Guid LeaderId { get; set; }
    public Guid SquadId { get; set; }
    public ProjectStage Stage { get; set; }
    public ProjectClosing? Closing { get; set; }

    /// <summary>The day construction started (开工); set when the stage reaches construction.</summary>
    public DateOnly? StartedOn { get; set; }

    /// <summary>The day production started (投产).</summary>
    public DateOnly? ProductionOn { get; set; }

    /// <summary>A high-tech or 专精特新 company.</summary>
    public bool HighTech { get; set; }

    /// <summary>Fills a gap in an industry chain (补链).</summary>
    public bool ChainGapFilling { get; set; }
    public Guid? LeadId { get; set; }

    /// <summary>The run of the butler pipeline for this project.</summary>
    public Guid? PipelineInstanceId { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Revision { get; set; }

    public bool HasStarted => Stage >= ProjectStage.Construction;
}

/// <summary>Investment actually completed by a project in one month.</summary>
public sealed class InvestmentEntry
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }

    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; set; }
    public decimal Amount { get; set; }
    public string? Note { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
}

public enum ProblemKind
{
    Land,
    Environmental,
    Financing,
    Power,
    Other,
}

public enum ProblemStatus
{
    Open,
    Resolved,
}

/// <summary>A problem (难题) blocking a project: who raised it, who owns it, by when, and how it was resolved.</summary>
public sealed class Problem : Runtime.IVersioned
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }
    public ProblemKind Kind { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public string RaisedBy { get; set; } = "";

    /// <summary>The user responsible for resolving it.</summary>
    public string Owner { get; set; } = "";
    public DateTimeOffset DueAt { get; set; }
    public ProblemStatus Status { get; set; }
    public string? Resolution { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }

    /// <summary>The run that tracks it and escalates it to the leader's on-site office when overdue.</summary>
    public Guid? InstanceId { get; set; }
    public int Revision { get; set; }
}

public enum LedgerKind
{
    Created,
    StageChanged,
    Updated,
    Note,
    ProblemRaised,
    ProblemResolved,
    Investment,
    Dispatch,
    Closed,
}

/// <summary>One line of a project's ledger timeline: what happened, who, when. Tasks and decisions come from the workflow journal.</summary>
public sealed class LedgerEntry
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }
    public DateTimeOffset At { get; set; }
    public string Actor { get; set; } = "";
    public LedgerKind Kind { get; set; }
    public string Text { get; set; } = "";
    public string? DataJson { get; set; }
}

/// <summary>One leader's weekly dispatch agenda (周例会调度), built by the recurring job.</summary>
public sealed class Dispatch
{
    public Guid Id { get; set; }
    public Guid LeaderId { get; set; }

    /// <summary>The Monday of the week, in the deployment's time zone.</summary>
    public DateOnly WeekOf { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The agenda: projects, red and yellow items, open problems, decisions due.</summary>
    public string AgendaJson { get; set; } = "{}";
    public List<DispatchDecision> Decisions { get; set; } = [];
}

/// <summary>A decision taken at a dispatch meeting against an agenda item; it becomes a task.</summary>
public sealed class DispatchDecision
{
    public Guid Id { get; set; }
    public Guid DispatchId { get; set; }

    /// <summary>The agenda item it answers, e.g. <c>problem:{id}</c> or <c>project:{id}</c>.</summary>
    public string Item { get; set; } = "";
    public string Text { get; set; } = "";
    public string Assignee { get; set; } = "";
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>The run carrying the resulting task.</summary>
    public Guid? InstanceId { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>Marks that the dispatch of a week has run, so a restart runs a missed week once and never twice.</summary>
public sealed class DispatchRun
{
    public DateOnly WeekOf { get; set; }
    public DateTimeOffset RanAt { get; set; }
    public int Agendas { get; set; }
}
