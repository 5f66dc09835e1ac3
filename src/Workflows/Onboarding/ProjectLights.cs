using Butler.Workflows.Calendar;

namespace Butler.Workflows.Onboarding;

public enum Light
{
    Green,
    Yellow,
    Red,
}

/// <summary>A reason for a project's light, for the ledger and the dispatch agenda.</summary>
public sealed record LightReason(Light Light, string Code, Butler.Workflows.Activities.LocalizedText Subject, int? WorkingDaysLate = null);

/// <summary>An open step of a project with a due time: a task, an approval or a problem.</summary>
public sealed record OpenStep(string Kind, Guid Id, Butler.Workflows.Activities.LocalizedText Title, DateTimeOffset DueAt);

/// <summary>Computes a project's status light at read time from its open steps and its planned start.</summary>
public static class ProjectLights
{
    public static (Light Light, IReadOnlyList<LightReason> Reasons) Compute(
        Project project, IEnumerable<OpenStep> openSteps, DateTimeOffset now, WorkingCalendar calendar, LightRules rules)
    {
        var reasons = new List<LightReason>();
        if (project.Closing is null)
        {
            foreach (var step in openSteps.Where(s => s.DueAt < now).OrderBy(s => s.DueAt))
            {
                var late = calendar.WorkingDaysLate(step.DueAt, now);
                if (late > rules.RedWhenOverdueWorkingDays)
                {
                    reasons.Add(new LightReason(Light.Red, $"{step.Kind}Overdue", step.Title, late));
                }
                else if (rules.YellowWhenStepOverdue)
                {
                    reasons.Add(new LightReason(Light.Yellow, $"{step.Kind}Overdue", step.Title, late));
                }
            }
            if (!project.HasStarted && project.PlannedStartMonth is { } planned)
            {
                var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, calendar.TimeZone).Date);
                var monthsLate = (today.Year - planned.Year) * 12 + today.Month - planned.Month;
                if (monthsLate >= rules.RedWhenStartLateMonths)
                {
                    reasons.Add(new LightReason(Light.Red, "startLate", new Activities.LocalizedText(planned.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))));
                }
                else if (monthsLate >= 1 && rules.YellowWhenStartMonthPassed)
                {
                    reasons.Add(new LightReason(Light.Yellow, "startMonthPassed", new Activities.LocalizedText(planned.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))));
                }
            }
        }
        var light = reasons.Count == 0 ? Light.Green : reasons.Max(r => r.Light);
        return (light, reasons);
    }
}
