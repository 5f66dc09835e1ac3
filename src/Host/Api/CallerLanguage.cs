using System.Globalization;
using Butler.Host.Identity;
using Microsoft.Net.Http.Headers;

namespace Butler.Host.Api;

/// <summary>
/// The language an API caller reads: the request's <c>Accept-Language</c> (its first zh… or en… choice by quality),
/// else the signed-in user's profile language, else zh-CN.
/// </summary>
public static class CallerLanguage
{
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static CultureInfo Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return FromHeader(http.Request.Headers.AcceptLanguage.ToString())
            ?? FromName(http.User.FindFirst(ButlerClaimsPrincipalFactory.LanguageClaim)?.Value)
            ?? Chinese;
    }

    /// <summary>The first supported language of an <c>Accept-Language</c> value by quality; null when it names none.</summary>
    public static CultureInfo? FromHeader(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || !StringWithQualityHeaderValue.TryParseList([header], out var choices))
        {
            return null;
        }
        return choices
            .Where(c => c.Quality is not 0)
            .OrderByDescending(c => c.Quality ?? 1)
            .Select(c => FromName(c.Value.Value))
            .FirstOrDefault(c => c is not null);
    }

    /// <summary>zh… → zh-CN, en… → English, anything else → null.</summary>
    public static CultureInfo? FromName(string? name) =>
        name is null ? null
        : name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Chinese
        : name.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English
        : null;
}
