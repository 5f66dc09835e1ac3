using System.Globalization;
using System.Xml;

namespace Butler.Workflows.Calendar;

/// <summary>A deadline offset: a number of working days (<c>3wd</c>, <c>-1wd</c>) or elapsed ISO 8601 time (<c>PT4H</c>, <c>P2D</c>).</summary>
public readonly record struct BusinessDuration
{
    /// <summary>The largest number of working days accepted either way; about four years of working days.</summary>
    public const int MaxWorkingDays = 1000;

    private BusinessDuration(bool isWorkingDays, int workingDays, TimeSpan time)
    {
        IsWorkingDays = isWorkingDays;
        WorkingDays = workingDays;
        Time = time;
    }

    /// <summary>True for <c>Nwd</c>; false for an ISO 8601 duration.</summary>
    public bool IsWorkingDays { get; }

    /// <summary>The signed number of working days; 0 for an ISO 8601 duration.</summary>
    public int WorkingDays { get; }

    /// <summary>The signed elapsed time of an ISO 8601 duration; zero for working days.</summary>
    public TimeSpan Time { get; }

    public static BusinessDuration FromWorkingDays(int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Math.Abs((long)workingDays), MaxWorkingDays, nameof(workingDays));
        return new(true, workingDays, TimeSpan.Zero);
    }

    public static BusinessDuration FromTime(TimeSpan time) => new(false, 0, time);

    /// <summary>
    /// Reads <c>3wd</c>, <c>-1wd</c>, <c>0wd</c> or an ISO 8601 duration without years or months; says what is wrong
    /// otherwise, as a kind the engine words in the reader's language (<c>Failure.Duration</c>).
    /// </summary>
    public static bool TryParse(string? text, out BusinessDuration duration, out BusinessDurationProblem problem)
    {
        duration = default;
        var s = text?.Trim() ?? "";
        if (s.Length == 0)
        {
            problem = BusinessDurationProblem.Missing;
            return false;
        }
        problem = s.EndsWith("wd", StringComparison.OrdinalIgnoreCase) ? ReadWorkingDays(s, out duration) : ReadIso(s, out duration);
        return problem == BusinessDurationProblem.None;
    }

    /// <summary>Like <see cref="TryParse"/>, throwing <see cref="FormatException"/> naming the kind of problem.</summary>
    public static BusinessDuration Parse(string text) =>
        TryParse(text, out var duration, out var problem) ? duration : throw new FormatException($"'{text}' is not a duration ({problem}).");

    /// <summary>The canonical text: <c>3wd</c>, <c>-1wd</c>, or ISO 8601 such as <c>P1DT2H</c>, <c>-PT2H</c>, <c>PT0S</c>.</summary>
    public override string ToString() =>
        IsWorkingDays ? WorkingDays.ToString(CultureInfo.InvariantCulture) + "wd" : XmlConvert.ToString(Time);

    private static BusinessDurationProblem ReadWorkingDays(string s, out BusinessDuration duration)
    {
        duration = default;
        if (!int.TryParse(s[..^2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days))
        {
            return BusinessDurationProblem.NotWholeWorkingDays;
        }
        if (Math.Abs((long)days) > MaxWorkingDays)
        {
            return BusinessDurationProblem.TooManyWorkingDays;
        }
        duration = new(true, days, TimeSpan.Zero);
        return BusinessDurationProblem.None;
    }

    private static BusinessDurationProblem ReadIso(string s, out BusinessDuration duration)
    {
        duration = default;
        var unsigned = s.StartsWith('-') ? s[1..] : s;
        if (!unsigned.StartsWith('P'))
        {
            return BusinessDurationProblem.Unknown;
        }
        var datePart = unsigned.Split('T')[0];
        if (datePart.Contains('Y', StringComparison.Ordinal) || datePart.Contains('M', StringComparison.Ordinal))
        {
            return BusinessDurationProblem.YearsOrMonths;
        }
        try
        {
            duration = new(false, 0, XmlConvert.ToTimeSpan(s));
            return BusinessDurationProblem.None;
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            return BusinessDurationProblem.NotIso;
        }
    }
}

/// <summary>What is wrong with a duration's text (<see cref="BusinessDuration.TryParse"/>).</summary>
public enum BusinessDurationProblem
{
    None,

    /// <summary>No text at all.</summary>
    Missing,

    /// <summary>Ends in <c>wd</c> but is not a whole number of working days.</summary>
    NotWholeWorkingDays,

    /// <summary>More than <see cref="BusinessDuration.MaxWorkingDays"/> working days either way.</summary>
    TooManyWorkingDays,

    /// <summary>Neither working days nor an ISO 8601 duration.</summary>
    Unknown,

    /// <summary>An ISO 8601 duration with years or months, which have no fixed length.</summary>
    YearsOrMonths,

    /// <summary>Starts like an ISO 8601 duration but is not one.</summary>
    NotIso,
}
