using System.Globalization;
using Butler.Workflows.Calendar;
using Butler.Workflows.Onboarding;

namespace Butler.Host.Configuration;

/// <summary>
/// Where the settings the API reads are bound from configuration: one place to find a key's section, default and
/// validation. A bad value stops the host at start-up with the key named.
/// </summary>
public static class ButlerOptionsRegistration
{
    /// <summary>Binds the calendar, decision-link, sheet font, lead SLA and weekly dispatch settings.</summary>
    public static WebApplicationBuilder AddButlerOptions(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddCalendarOptions(builder);
        builder.Services.Configure<Api.Approvals.LinkOptions>(builder.Configuration.GetSection("Butler:Links"));
        builder.Services.Configure<Api.ApprovalSheets.SheetOptions>(builder.Configuration.GetSection(Api.ApprovalSheets.SheetOptions.Section));
        AddLeadSlaOptions(builder);
        AddDispatchOptions(builder);
        return builder;
    }

    /// <summary>
    /// Binds <c>Butler:TimeZone</c> (default Asia/Shanghai) and <c>Butler:Calendar:WorkdayEnd</c> (default 18:00) to
    /// <see cref="CalendarOptions"/>; a bad value stops the host at start-up with the key named.
    /// </summary>
    private static void AddCalendarOptions(WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(ButlerOptions.Section);
        builder.Services.AddOptions<CalendarOptions>()
            .Configure(o =>
            {
                if (section["TimeZone"] is { Length: > 0 } zone)
                {
                    o.TimeZone = zone.Trim();
                }
                if (section["Calendar:WorkdayEnd"] is { Length: > 0 } end)
                {
                    o.WorkdayEnd = TimeOnly.TryParse(end, CultureInfo.InvariantCulture, out var parsed)
                        ? parsed
                        : throw new InvalidOperationException($"{ButlerOptions.Section}:Calendar:WorkdayEnd '{end}' is not a time of day such as 18:00.");
                }
            })
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _),
                $"{ButlerOptions.Section}:TimeZone names no time zone known to this machine; use an IANA id such as {CalendarOptions.DefaultTimeZone}.")
            .ValidateOnStart();
    }

    /// <summary>Binds <c>Butler:Onboarding:LeadRespondWithin</c> and <c>LeadAssessWithin</c>; a bad value stops the host at start-up, naming the key.</summary>
    private static void AddLeadSlaOptions(WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(OnboardingOptions.Section);
        builder.Services.AddOptions<LeadSlaOptions>()
            .Configure(o =>
            {
                if (section["LeadRespondWithin"] is { Length: > 0 } respond)
                {
                    o.RespondWithin = respond.Trim();
                }
                if (section["LeadAssessWithin"] is { Length: > 0 } assess)
                {
                    o.AssessWithin = assess.Trim();
                }
            })
            .Validate(o => IsPositive(o.RespondWithin), $"{OnboardingOptions.Section}:LeadRespondWithin must be a positive duration such as 1wd or PT4H.")
            .Validate(o => IsPositive(o.AssessWithin), $"{OnboardingOptions.Section}:LeadAssessWithin must be a positive duration such as 3wd or P2D.")
            .ValidateOnStart();
    }

    private static bool IsPositive(string text) =>
        BusinessDuration.TryParse(text, out var d, out _) && (d.IsWorkingDays ? d.WorkingDays > 0 : d.Time > TimeSpan.Zero);

    /// <summary>
    /// Binds <c>Butler:Onboarding:DispatchCron</c> (default Monday 09:00, empty turns the recurring job off); a cron that
    /// does not parse stops the host at start-up, naming the key.
    /// </summary>
    private static void AddDispatchOptions(WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(OnboardingOptions.Section);
        builder.Services.AddOptions<DispatchOptions>()
            .Configure(o =>
            {
                if (section["DispatchCron"] is { } cron)
                {
                    o.Cron = cron.Trim();
                }
            })
            .Validate(o => !o.IsEnabled || DispatchSchedule.TryParse(o.Cron, out _),
                $"{OnboardingOptions.Section}:DispatchCron must be a cron expression such as '{DispatchOptions.DefaultCron}' (Monday 09:00), or empty to turn the weekly dispatch off.")
            .ValidateOnStart();
    }
}
