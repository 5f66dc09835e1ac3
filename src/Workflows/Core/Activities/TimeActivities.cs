using Butler.Workflows.Runtime;

namespace Butler.Workflows.Activities;

/// <summary>Waits for a duration, in working days or elapsed time.</summary>
public sealed class DelayActivity : Activity
{
    public static readonly ActivityInput<string?> Duration = ActivityInput.String(
        new InputDescriptor("duration", InputType.Duration, true, T("Duration", "时长"), T("e.g. 2wd, PT4H, P1D", "如 2wd、PT4H、P1D")));

    public override ActivityDescriptor Descriptor { get; } = new(
        "Delay", T("Delay", "等待"), T("Waits for a duration: working days (2wd) or elapsed time (PT4H).", "等待一段时间：工作日（2wd）或时长（PT4H）。"),
        "Events", "schedule",
        [Duration.Descriptor],
        [Done])
    {
        IsBlocking = true,
    };

    public override ActivityResult Execute(ActivityContext context)
    {
        context.CreateDelayBookmark(context.AddDuration(context.Now, Duration.Read(context)!));
        return ActivityResult.Wait();
    }

    public override ActivityResult Resume(ActivityContext context, Stimulus stimulus) => ActivityResult.Complete(Done);
}
