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

    /// <summary>Reads <c>3wd</c>, <c>-1wd</c>, <c>0wd</c> or an ISO 8601 duration without years or months; says what is wrong otherwise.</summary>
    public static bool TryParse(string? text, out BusinessDuration duration, out string? error)
    {
        duration = default;
        error = null;
        var s = text?.Trim() ?? "";
        if (s.Length == 0)
        {
            error = "Give a duration: working days such as 3wd, or ISO 8601 time such as PT4H or P2D.";
            return false;
        }
        if (s.EndsWith("wd", StringComparison.OrdinalIgnoreCase))
        {
            return TryParseWorkingDays(s, out duration, out error);
        }
        return TryParseIso(s, out duration, out error);
    }

    /// <summary>Like <see cref="TryParse"/>, throwing <see cref="FormatException"/> with the reason.</summary>
    public static BusinessDuration Parse(string text) =>
        TryParse(text, out var duration, out var error) ? duration : throw new FormatException(error);

    /// <summary>The canonical text: <c>3wd</c>, <c>-1wd</c>, or ISO 8601 such as <c>P1DT2H</c>, <c>-PT2H</c>, <c>PT0S</c>.</summary>
    public override string ToString() =>
        IsWorkingDays ? WorkingDays.ToString(CultureInfo.InvariantCulture) + "wd" : XmlConvert.ToString(Time);

    private static bool TryParseWorkingDays(string s, out BusinessDuration duration, out string? error)
    {
        duration = default;
        var number = s[..^2];
        if (!int.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days))
        {
            error = $"'{s}' is not a whole number of working days; write e.g. 3wd or -1wd.";
            return false;
        }
        if (Math.Abs((long)days) > MaxWorkingDays)
        {
            error = $"'{s}' is more than {MaxWorkingDays} working days.";
            return false;
        }
        duration = new(true, days, TimeSpan.Zero);
        error = null;
        return true;
    }

    private static bool TryParseIso(string s, out BusinessDuration duration, out string? error)
    {
        duration = default;
        var unsigned = s.StartsWith('-') ? s[1..] : s;
        if (!unsigned.StartsWith('P'))
        {
            error = $"'{s}' is neither working days (3wd) nor an ISO 8601 duration (PT4H, P2D).";
            return false;
        }
        var datePart = unsigned.Split('T')[0];
        if (datePart.Contains('Y', StringComparison.Ordinal) || datePart.Contains('M', StringComparison.Ordinal))
        {
            error = $"'{s}' has years or months, which have no fixed length; use days (P30D) or working days (20wd).";
            return false;
        }
        try
        {
            duration = new(false, 0, XmlConvert.ToTimeSpan(s));
            error = null;
            return true;
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            error = $"'{s}' is not an ISO 8601 duration; write e.g. PT4H, P2D or P1DT2H.";
            return false;
        }
    }
}
