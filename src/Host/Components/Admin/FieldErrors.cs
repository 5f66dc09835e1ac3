using Butler.Host.Api;

namespace Butler.Host.Components.Admin;

/// <summary>Input errors of a form by field, translated, for showing each under its input.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);

    public bool Any => _byField.Count > 0;

    public void Clear() => _byField.Clear();

    public void Remove(string field) => _byField.Remove(field);

    public void Add(string field, string message)
    {
        if (!_byField.TryGetValue(field, out var list))
        {
            _byField[field] = list = [];
        }
        if (!list.Contains(message))
        {
            list.Add(message);
        }
    }

    /// <summary>Adds errors from a service; <c>roles[2]</c> counts as <c>roles</c>.</summary>
    public void AddRange(IEnumerable<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var error in errors)
        {
            Add(Root(error.Field), UiText.ErrorText(error));
        }
    }

    public bool Has(string field) => _byField.ContainsKey(field);

    /// <summary>The messages of one field on one line, or null when it has none.</summary>
    public string? For(string field) => _byField.TryGetValue(field, out var list) ? string.Join(" ", list) : null;

    /// <summary>Messages of fields no input shows (the whole request, "$").</summary>
    public IEnumerable<string> Except(params string[] shown) =>
        _byField.Where(e => !shown.Contains(e.Key)).SelectMany(e => e.Value);

    private static string Root(string field)
    {
        var bracket = field.IndexOfAny(['[', '.']);
        return bracket > 0 ? field[..bracket] : field;
    }
}
