using System.Globalization;
using Butler.Workflows.Notifications;
using Butler.Workflows.Runtime;

namespace Butler.Workflows.Input;

/// <summary>
/// The one rule for each kind of value a person sends Butler, shared by every endpoint, service and page
/// (docs/input-rules.md lists which rule each field gets):
/// <list type="bullet">
/// <item>a <b>name</b> or other <b>single-line text</b>: trimmed, no control characters, no line breaks or tabs, at most
/// <see cref="MaxName"/> characters unless the field says less;</item>
/// <item><b>multi-line text</b> (notes, descriptions, comments): trimmed, tabs and line breaks allowed, no other
/// control characters, at most <see cref="MaxText"/> characters unless the field says otherwise;</item>
/// <item>a <b>date</b>, <b>month</b>, <b>instant</b> or <b>year</b>: from <see cref="MinYear"/> to <see cref="MaxYear"/>;</item>
/// <item>a <b>money amount</b>: CNY from 0 (or above 0) to <see cref="MaxAmount"/>;</item>
/// <item>a <b>user reference</b>: the name of an existing account, answered in its stored spelling.</item>
/// </list>
/// Control characters are refused rather than stripped: PostgreSQL refuses NUL in text, and XML (the xlsx export)
/// refuses most of the others, so a value is either safe everywhere or sent back to the person who typed it.
/// </summary>
public static class InputRules
{
    public const int MaxName = 200;
    public const int MaxText = 4000;
    public const int MaxUserName = 256;
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    /// <summary>10 trillion CNY: more is a typing error.</summary>
    public const decimal MaxAmount = 10_000_000_000_000m;

    public static DateOnly FirstDay { get; } = new(MinYear, 1, 1);

    public static DateOnly LastDay { get; } = new(MaxYear, 12, 31);

    /// <summary>
    /// The index of the first character a value may not hold, or -1: a control character (tab, line feed and carriage
    /// return are allowed when <paramref name="multiLine"/>) or half of a surrogate pair.
    /// </summary>
    public static int FindRefusedCharacter(ReadOnlySpan<char> text, bool multiLine)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsPair(text, i))
            {
                i++;
            }
            else if (IsRefused(text[i], multiLine))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>What is wrong with the characters of a value, or null; <paramref name="what"/> names it in the message.</summary>
    public static InputProblem? CharacterProblem(string value, string what, bool multiLine)
    {
        ArgumentNullException.ThrowIfNull(value);
        var at = FindRefusedCharacter(value, multiLine);
        if (at < 0)
        {
            return null;
        }
        var c = value[at];
        return c is '\t' or '\n' or '\r'
            ? new(InputProblem.LineBreakCode, Failure.LineBreak(what, at + 1))
            : new(InputProblem.CharacterCode, char.IsSurrogate(c) ? Failure.BrokenSurrogate(what, at + 1) : Failure.ControlCharacter(what, at + 1, c));
    }

    /// <summary>What is wrong with a single-line value (already trimmed), or null.</summary>
    public static InputProblem? LineProblem(string value, string field, int max = MaxName)
    {
        ArgumentNullException.ThrowIfNull(value);
        return CharacterProblem(value, field, multiLine: false)
            ?? (value.Length > max ? new(InputProblem.TooLongCode, Failure.TooLong(field, max)) : null);
    }

    /// <summary>What is wrong with a multi-line value (already trimmed), or null.</summary>
    public static InputProblem? TextProblem(string value, string field, int max = MaxText)
    {
        ArgumentNullException.ThrowIfNull(value);
        return CharacterProblem(value, field, multiLine: true)
            ?? (value.Length > max ? new(InputProblem.TooLongCode, Failure.TooLong(field, max)) : null);
    }

    /// <summary>A required name or other single-line text: trimmed; "" with an error when blank or wrong.</summary>
    public static string Name(string? value, string field, IDictionary<string, string[]> errors, int max = MaxName)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Refuse(field, Failure.Required(field));
            return "";
        }
        return Line(value, field, errors, max) ?? "";
    }

    /// <summary>A required name in one or both languages: each checked as <see cref="Name(string?, string, IDictionary{string, string[]}, int)"/>.</summary>
    public static Activities.LocalizedText Name(Activities.LocalizedText? value, string field, IDictionary<string, string[]> errors, int max = MaxName)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is null || value.IsSame)
        {
            return new(Name(value?.En, field, errors, max));
        }
        var zh = Name(value.ZhCn, $"{field}.{Activities.Languages.Chinese}", errors, max);
        var en = Name(value.En, $"{field}.{Activities.Languages.English}", errors, max);
        return new(en, zh);
    }

    /// <summary>An optional single-line text: trimmed, blank becomes null.</summary>
    public static string? Line(string? value, string field, IDictionary<string, string[]> errors, int max = MaxName)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var trimmed = value.Trim();
        Add(errors, field, LineProblem(trimmed, field, max));
        return trimmed;
    }

    /// <summary>An optional single line in one or both languages: each checked as <see cref="Line(string?, string, IDictionary{string, string[]}, int)"/>; blank becomes null.</summary>
    public static Activities.LocalizedText? Line(Activities.LocalizedText? value, string field, IDictionary<string, string[]> errors, int max = MaxName)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is null || value.IsSame)
        {
            return Line(value?.En, field, errors, max) is { } same ? new(same) : null;
        }
        var zh = Line(value.ZhCn, $"{field}.{Activities.Languages.Chinese}", errors, max);
        var en = Line(value.En, $"{field}.{Activities.Languages.English}", errors, max);
        return (zh ?? en, en ?? zh) is ({ } z, { } e) ? new(e, z) : null;
    }

    /// <summary>A multi-line text: trimmed, blank becomes null (an error when <paramref name="required"/>).</summary>
    public static string? Text(string? value, string field, IDictionary<string, string[]> errors, int max = MaxText, bool required = false)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Refuse(field, Failure.Required(field));
            }
            return null;
        }
        var trimmed = value.Trim();
        Add(errors, field, TextProblem(trimmed, field, max));
        return trimmed;
    }

    /// <summary>Whether a day lies in the years Butler takes.</summary>
    public static bool InRange(DateOnly day) => day >= FirstDay && day <= LastDay;

    /// <summary>A date from 2000-01-01 to 2100-12-31.</summary>
    public static DateOnly? Date(DateOnly? value, string field, IDictionary<string, string[]> errors, bool required = false)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is not { } day)
        {
            if (required)
            {
                errors.Refuse(field, Failure.DateRequired(field));
            }
            return null;
        }
        if (!InRange(day))
        {
            errors.Refuse(field, Failure.DateRange(field, FirstDay, LastDay, day));
        }
        return day;
    }

    /// <summary>A month written yyyy-MM from 2000-01 to 2100-12, as the first day of that month; blank is null.</summary>
    public static DateOnly? Month(string? text, string field, IDictionary<string, string[]> errors, bool required = false)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors.Refuse(field, Failure.MonthRequired(field));
            }
            return null;
        }
        if (!DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            || text.Trim().Length != 7)
        {
            errors.Refuse(field, Failure.MonthFormat(field));
            return null;
        }
        if (!InRange(month))
        {
            errors.Refuse(field, Failure.MonthRange(field, MinYear, MaxYear));
            return null;
        }
        return month;
    }

    /// <summary>
    /// An instant with its offset in the years 2000–2100 (by its UTC date), returned in UTC; with
    /// <paramref name="after"/>, it must lie after that instant (a due time lies in the future).
    /// </summary>
    public static DateTimeOffset? Instant(DateTimeOffset? value, string field, IDictionary<string, string[]> errors, bool required = false,
        DateTimeOffset? after = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is not { } instant)
        {
            if (required)
            {
                errors.Refuse(field, Failure.InstantRequired(field));
            }
            return null;
        }
        var utc = instant.ToUniversalTime();
        if (!InRange(DateOnly.FromDateTime(utc.UtcDateTime)))
        {
            errors.Refuse(field, Failure.InstantRange(field, MinYear, MaxYear));
        }
        else if (after is { } earliest && utc <= earliest)
        {
            errors.Refuse(field, Failure.NotInFuture(field));
        }
        return utc;
    }

    /// <summary>A year from 2000 to 2100; null (not asked) passes.</summary>
    public static bool Year(int? value, string field, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is { } year && (year < MinYear || year > MaxYear))
        {
            errors.Refuse(field, Failure.YearRange(field, MinYear, MaxYear));
            return false;
        }
        return true;
    }

    /// <summary>An amount in CNY from 0 (above 0 when <paramref name="positive"/>) to <see cref="MaxAmount"/>.</summary>
    public static decimal? Amount(decimal? value, string field, IDictionary<string, string[]> errors, bool required = false, bool positive = false)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is not { } amount)
        {
            if (required)
            {
                errors.Refuse(field, Failure.AmountRequired(field, positive, MaxAmount));
            }
            return null;
        }
        if (amount < 0 || (positive && amount == 0) || amount > MaxAmount)
        {
            errors.Refuse(field, Failure.AmountRange(field, positive, MaxAmount));
        }
        return amount;
    }

    /// <summary>
    /// The stored spelling of an existing account's user name; an error names the field when there is none, or when
    /// <paramref name="active"/> asks for someone who can act and the account is locked.
    /// </summary>
    public static async Task<string?> UserAsync(IUserDirectory users, string? value, string field, IDictionary<string, string[]> errors,
        bool required = true, bool active = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Refuse(field, Failure.UserRequired(field));
            }
            return null;
        }
        var name = value.Trim();
        if (LineProblem(name, field, MaxUserName) is { } problem)
        {
            errors.Refuse(field, problem.Failure);
            return null;
        }
        var found = await users.ResolveAsync([new RecipientSpec(name, null)], ct);
        if (found.Count == 0)
        {
            errors.Refuse(field, Failure.NoUser(name));
            return null;
        }
        if (active && found[0].Locked)
        {
            errors.Refuse(field, Failure.UserLocked(found[0].UserName));
            return null;
        }
        return found[0].UserName;
    }

    /// <summary>Text as it may go into a file another program reads (xlsx, csv, e-mail): refused characters become U+FFFD.</summary>
    public static string ForExport(string? value, bool multiLine = true)
    {
        if (string.IsNullOrEmpty(value) || FindRefusedCharacter(value, multiLine) < 0)
        {
            return value ?? "";
        }
        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (IsPair(chars, i))
            {
                i++;
            }
            else if (IsRefused(chars[i], multiLine))
            {
                chars[i] = '\uFFFD';
            }
        }
        return new string(chars);
    }

    private static bool IsPair(ReadOnlySpan<char> text, int i) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);

    /// <summary>A lone surrogate, or a control character other than the tab and line breaks of multi-line text.</summary>
    private static bool IsRefused(char c, bool multiLine) =>
        char.IsSurrogate(c) || (char.IsControl(c) && !(multiLine && c is '\t' or '\n' or '\r'));

    private static void Add(IDictionary<string, string[]> errors, string field, InputProblem? problem)
    {
        if (problem is not null)
        {
            errors.Refuse(field, problem.Failure);
        }
    }
}
