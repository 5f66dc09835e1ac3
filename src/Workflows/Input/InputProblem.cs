namespace Butler.Workflows.Input;

/// <summary>
/// What is wrong with one value: a stable <paramref name="Code"/> the web pages translate, and the English
/// <paramref name="Message"/> the API returns in its problem details.
/// </summary>
public sealed record InputProblem(string Code, string Message)
{
    public const string RequiredCode = "required";
    public const string TooLongCode = "tooLong";

    /// <summary>A control character (NUL, the other C0 characters, DEL, C1) or a broken UTF-16 surrogate.</summary>
    public const string CharacterCode = "character";

    /// <summary>A line break or a tab in a value that is one line (a name, a title).</summary>
    public const string LineBreakCode = "lineBreak";

    /// <summary>A date, month, instant, year or amount outside what Butler takes.</summary>
    public const string RangeCode = "range";

    /// <summary>A value that does not read as what it should be (a month that is not yyyy-MM).</summary>
    public const string FormatCode = "format";

    public const string UnknownUserCode = "unknownUser";
}
