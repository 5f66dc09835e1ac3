namespace Butler.Workflows.Sandbox;

/// <summary>
/// A test run's own clock: the host's time plus an offset that only grows. "Fire now" moves it to the timer's due time,
/// so the engine fires the timer exactly as Hangfire would at that moment, and every later deadline keeps its distance.
/// </summary>
public sealed class SandboxClock(TimeProvider real) : TimeProvider
{
    private long _offsetTicks;

    /// <summary>How far this run's time is ahead of the host's.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => real.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => real.LocalTimeZone;

    public override long TimestampFrequency => real.TimestampFrequency;

    public override long GetTimestamp() => real.GetTimestamp();

    /// <summary>Moves this run's time forward to <paramref name="at"/> when it is still earlier; never backwards.</summary>
    public void AdvanceTo(DateTimeOffset at)
    {
        while (true)
        {
            var current = Interlocked.Read(ref _offsetTicks);
            var needed = (at - real.GetUtcNow()).Ticks;
            if (needed <= current || Interlocked.CompareExchange(ref _offsetTicks, needed, current) == current)
            {
                return;
            }
        }
    }
}
