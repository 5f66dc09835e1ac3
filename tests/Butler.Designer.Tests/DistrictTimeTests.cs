using Butler.Workflows.Calendar;
using Microsoft.Extensions.DependencyInjection;

namespace Butler.Designer.Tests;

/// <summary>The designer writes times in the deployment's time zone, not UTC or the server's own zone.</summary>
public sealed class DistrictTimeTests
{
    private static readonly DateTimeOffset LateUtc = new(2026, 3, 1, 23, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Without_the_hosts_options_times_are_written_in_shanghai_time()
    {
        using var services = new ServiceCollection().BuildServiceProvider();

        Assert.Equal("2026-03-02 07:30", DistrictTime.Format(LateUtc, DistrictTime.Zone(services)));
    }

    [Fact]
    public void The_hosts_configured_zone_is_the_one_used()
    {
        using var services = new ServiceCollection().Configure<CalendarOptions>(o => o.TimeZone = "Europe/Berlin").BuildServiceProvider();

        Assert.Equal("2026-03-02 00:30", DistrictTime.Format(LateUtc, DistrictTime.Zone(services)));
    }
}
