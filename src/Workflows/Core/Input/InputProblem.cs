using System.Globalization;
using Butler.Workflows.Runtime;

namespace Butler.Workflows.Input;

/// <summary>
/// What is wrong with one value: a short <paramref name="Code"/> the web pages translate, and the
/// <paramref name="Failure"/> (code <c>field.*</c> and its arguments) the API writes in the caller's language.
/// </summary>
public sealed record InputProblem(string Code, Failure Failure)
{
    public const string RequiredCode = "required";
    public const string TooLongCode = "tooLong";

    /// <summary>A control character (NUL, the other C0 characters, DEL, C1) or a broken UTF-16 surrogate.</summary>
    public const string CharacterCode = "character";

    /// <summary>A line break or a tab in a value that is one line (a name, a title).</summary>
    public const string LineBreakCode = "lineBreak";

    /// <summary>The message in the current UI culture (the reader's).</summary>
    public string Message => Failure.Text(CultureInfo.CurrentUICulture);
}
