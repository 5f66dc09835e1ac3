namespace Butler.Workflows.Onboarding;

/// <summary>What counts as a fulfilled contract (履约); local rules differ.</summary>
public enum FulfilmentRule
{
    /// <summary>Every signed project whose contract was not terminated.</summary>
    NotTerminated,

    /// <summary>Only projects explicitly closed as fulfilled.</summary>
    Marked,

    /// <summary>Projects that have started construction (or production) and were not terminated.</summary>
    Started,
}

/// <summary>Settings of the onboarding domain: <c>Butler:Onboarding</c>.</summary>
public sealed class OnboardingOptions
{
    public const string Section = "Butler:Onboarding";

    /// <summary>The definition every new project runs.</summary>
    public string PipelineDefinitionId { get; set; } = ShippedDefinitionIds.Pipeline;

    /// <summary>The definition a problem runs (tracks its due date, escalates to the leader's on-site office).</summary>
    public string ProblemDefinitionId { get; set; } = ShippedDefinitionIds.Problem;

    public FulfilmentRule FulfilledWhen { get; set; } = FulfilmentRule.NotTerminated;

    public LightRules Lights { get; set; } = new();
}

/// <summary>The red-yellow-green rules for projects (红黄绿灯).</summary>
public sealed class LightRules
{
    /// <summary>Yellow as soon as an open step (task, approval, problem) is past its due time.</summary>
    public bool YellowWhenStepOverdue { get; set; } = true;

    /// <summary>Red when an open step is more than this many working days overdue.</summary>
    public int RedWhenOverdueWorkingDays { get; set; } = 3;

    /// <summary>Yellow when construction has not started and the planned start month has passed.</summary>
    public bool YellowWhenStartMonthPassed { get; set; } = true;

    /// <summary>Red when construction has not started this many months after the planned start month.</summary>
    public int RedWhenStartLateMonths { get; set; } = 3;
}
