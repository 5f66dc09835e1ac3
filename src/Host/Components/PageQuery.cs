using System.Globalization;

namespace Butler.Host.Components;

/// <summary>
/// Reads a page's typed query values: the page takes them as text and a value that does not read (<c>?page=abc</c>,
/// <c>?leaderId=x</c>) is ignored, as if it had not been given. Blazor's own typed query parameters throw instead,
/// which turned a mistyped address into a 500.
/// </summary>
public static class PageQuery
{
    public static int? Int(string? text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static Guid? Guid(string? text) => System.Guid.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : null;
}
