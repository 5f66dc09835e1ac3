using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Butler.Workflows.Input;
using Microsoft.AspNetCore.Identity;

namespace Butler.Host.Api;

/// <summary>
/// What is wrong with one field of a request, as a <see cref="Workflows.Runtime.Failure"/>: the API writes it in the
/// caller's language in its problem details, and the pages in the reader's.
/// </summary>
public sealed record InputError(string Field, Workflows.Runtime.Failure Failure)
{
    /// <summary>The failure's stable code (<c>field.required</c>, <c>field.passwordTooShort</c>…).</summary>
    public string Code => Failure.Code;

    /// <summary>The message in the current UI culture.</summary>
    public string Message => Failure.Text(CultureInfo.CurrentUICulture);

    /// <summary>One of the shared input rules' problems, for this field.</summary>
    public static InputError From(string field, InputProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new(field, problem.Failure);
    }

    /// <summary>Identity's complaints (weak password, taken user name…), each as a field code of ours.</summary>
    public static IEnumerable<InputError> FromIdentity(string field, IdentityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Errors.Select(e => new InputError(field, Workflows.Runtime.Failure.Identity(e.Code, FirstNumber(e.Description))));
    }

    /// <summary>A 400 naming each field with its messages, each with its code under <c>fields</c>.</summary>
    public static ValidationProblem ToProblem(IEnumerable<InputError> errors)
    {
        var fields = new ValidationErrors();
        foreach (var field in errors.GroupBy(e => e.Field, StringComparer.Ordinal))
        {
            if (field.ToList() is [var only])
            {
                fields.Set(field.Key, only.Failure);
            }
            else
            {
                fields[field.Key] = field.Select(e => e.Message).ToArray();
            }
        }
        return ApiResults.Invalid(fields);
    }

    /// <summary>The number in an Identity description ("at least 8 characters"), which its code does not carry.</summary>
    private static int? FirstNumber(string description) =>
        System.Text.RegularExpressions.Regex.Match(description ?? "", "[0-9]+") is { Success: true } match
        && int.TryParse(match.Value, CultureInfo.InvariantCulture, out var number) ? number : null;
}

/// <summary>The checks a person's own details get, on the profile and in user administration alike.</summary>
public static class PersonRules
{
    public const int MaxDisplayName = InputRules.MaxName;
    public const int MaxEmail = InputRules.MaxUserName;

    /// <summary>Blank becomes null; too long is an error.</summary>
    public static string? DisplayName(string? value, List<InputError> errors, string field = "displayName")
    {
        ArgumentNullException.ThrowIfNull(errors);
        var trimmed = value?.Trim();
        if (trimmed is { Length: > 0 } && InputRules.LineProblem(trimmed, field, MaxDisplayName) is { } problem)
        {
            errors.Add(InputError.From(field, problem));
        }
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    /// <summary>Blank becomes null (no e-mail); otherwise one plain address such as li.ming@example.cn.</summary>
    public static string? Email(string? value, List<InputError> errors, string field = "email")
    {
        ArgumentNullException.ThrowIfNull(errors);
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        if (InputRules.LineProblem(trimmed, field, MaxEmail) is { } problem)
        {
            errors.Add(InputError.From(field, problem));
        }
        else if (!IsEmail(trimmed))
        {
            errors.Add(new(field, Workflows.Runtime.Failure.EmailAddress(trimmed)));
        }
        return trimmed;
    }

    /// <summary>A user name: one line of at most 256 characters (Identity then allows letters, digits and <c>-._@+</c>).</summary>
    public static string? UserName(string? value, List<InputError> errors, string field = "userName")
    {
        ArgumentNullException.ThrowIfNull(errors);
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            errors.Add(new(field, Workflows.Runtime.Failure.Required(field)));
            return null;
        }
        if (InputRules.LineProblem(trimmed, field, InputRules.MaxUserName) is { } problem)
        {
            errors.Add(InputError.From(field, problem));
            return null;
        }
        return trimmed;
    }

    /// <summary>A single address with a local part, an @ and a domain with a dot; no display name, no spaces.</summary>
    public static bool IsEmail(string value) =>
        System.Net.Mail.MailAddress.TryCreate(value, out var address)
        && string.Equals(address.Address, value, StringComparison.Ordinal)
        && !value.Any(char.IsWhiteSpace)
        && address.Host.Contains('.', StringComparison.Ordinal)
        && !address.Host.EndsWith('.');
}
