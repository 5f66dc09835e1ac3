namespace Butler.Workflows.Onboarding;

/// <summary>Wire names (camelCase) of the domain's enums in the API and the shipped definitions, and their parsing.</summary>
public static class WireNames
{
    public static string Wire<TEnum>(TEnum value) where TEnum : struct, Enum => Camel(value.ToString());

    /// <summary>PascalCase name → camelCase wire name.</summary>
    public static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>Parses a wire name (any case); numbers and undefined values are refused.</summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _);

    /// <summary>Every wire name of <typeparamref name="TEnum"/>, in declaration order.</summary>
    public static IReadOnlyList<string> All<TEnum>() where TEnum : struct, Enum => Enum.GetValues<TEnum>().Select(Wire).ToArray();
}
