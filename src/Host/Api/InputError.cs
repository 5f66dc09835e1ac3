using Microsoft.AspNetCore.Http.HttpResults;
using Butler.Workflows.Input;
using Microsoft.AspNetCore.Identity;

namespace Butler.Host.Api;

/// <summary>
/// What is wrong with one field of a request: a stable <paramref name="Code"/> the web pages translate, and the English
/// <paramref name="Message"/> the API returns in its problem details.
/// </summary>
public sealed record InputError(string Field, string Code, string Message)
{
    public const string RequiredCode = InputProblem.RequiredCode;
    public const string TooLongCode = InputProblem.TooLongCode;
    public const string EmailCode = "email";
    public const string LanguageCode = "language";
    public const string UnknownRoleCode = "unknownRole";
    public const string WrongPasswordCode = "wrongPassword";
    public const string SelfCode = "self";

    /// <summary>One of the shared input rules' problems, for this field.</summary>
    public static InputError From(string field, InputProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new(field, problem.Code, problem.Message) { Failure = problem.Failure };
    }

    /// <summary>The code and arguments the message was written from, when it came from the shared rules.</summary>
    public Workflows.Runtime.Failure? Failure { get; init; }

    /// <summary>Identity's complaints (weak password, taken user name…) keep Identity's code.</summary>
    public static IEnumerable<InputError> FromIdentity(string field, IdentityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Errors.Select(e => new InputError(field, e.Code, e.Description));
    }

    /// <summary>A 400 naming each field with its messages.</summary>
    public static ValidationProblem ToProblem(IEnumerable<InputError> errors)
    {
        var fields = new ValidationErrors();
        foreach (var field in errors.GroupBy(e => e.Field, StringComparer.Ordinal))
        {
            if (field.ToList() is [{ Failure: { } failure }])
            {
                fields.Set(field.Key, failure);
            }
            else
            {
                fields[field.Key] = field.Select(e => e.Message).ToArray();
            }
        }
        return ApiResults.Invalid(fields);
    }
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
            errors.Add(new(field, InputError.EmailCode, $"'{trimmed}' is not an e-mail address such as li.ming@example.cn."));
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
            errors.Add(new(field, InputError.RequiredCode, $"{field} is required."));
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
