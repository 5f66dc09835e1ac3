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
}
