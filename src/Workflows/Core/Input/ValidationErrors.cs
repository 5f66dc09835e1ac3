using System.Globalization;
using Butler.Workflows.Runtime;

namespace Butler.Workflows.Input;

/// <summary>
/// The field messages of a refused request (field → messages, the shape of a problem's <c>errors</c>), with the code
/// and arguments each message was written from, so the API can put the codes in the body and write the messages in
/// the caller's language. A message set directly (not by <see cref="ValidationErrorsExtensions.Refuse"/>) has no code.
/// </summary>
public sealed class ValidationErrors : Dictionary<string, string[]>
{
    private readonly Dictionary<string, (Failure Failure, string Message)> _codes = new(StringComparer.Ordinal);

    public ValidationErrors() : base(StringComparer.Ordinal)
    {
    }

    /// <summary>Sets <paramref name="field"/>'s message from <paramref name="failure"/>, in the current UI culture.</summary>
    public void Set(string field, Failure failure)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(failure);
        var message = failure.Text(CultureInfo.CurrentUICulture);
        this[field] = [message];
        _codes[field] = (failure, message);
    }

    /// <summary>The code <paramref name="field"/>'s message was written from, unless it has been overwritten since.</summary>
    public Failure? CodeOf(string field) =>
        _codes.TryGetValue(field, out var code) && TryGetValue(field, out var messages) && messages is [var only] && only == code.Message
            ? code.Failure
            : null;

    /// <summary>Copies <paramref name="other"/>'s messages over these, with their codes.</summary>
    public void Merge(IReadOnlyDictionary<string, string[]> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (field, messages) in other)
        {
            this[field] = messages;
            if (other is ValidationErrors coded && coded.CodeOf(field) is { } failure)
            {
                _codes[field] = (failure, messages[0]);
            }
        }
    }

    /// <summary>Every field whose message has its code.</summary>
    public IReadOnlyDictionary<string, Failure> Codes() =>
        Keys.Select(k => (k, CodeOf(k))).Where(c => c.Item2 is not null).ToDictionary(c => c.k, c => c.Item2!, StringComparer.Ordinal);
}

public static class ValidationErrorsExtensions
{
    /// <summary>
    /// Sets <paramref name="field"/>'s message from <paramref name="failure"/> in the current UI culture (the reader's),
    /// keeping the code when <paramref name="errors"/> is a <see cref="ValidationErrors"/>.
    /// </summary>
    public static void Refuse(this IDictionary<string, string[]> errors, string field, Failure failure)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(failure);
        if (errors is ValidationErrors coded)
        {
            coded.Set(field, failure);
        }
        else
        {
            errors[field] = [failure.Text(CultureInfo.CurrentUICulture)];
        }
    }
}
