using System.Globalization;
using Butler.Host.Identity;
using Butler.Workflows.Activities;
using Microsoft.AspNetCore.Localization;

namespace Butler.Host.Configuration;

/// <summary>
/// The one resolver of the reader's language (ADR 023), for the pages, the designer and the API alike: the language chosen
/// in the app bar (the culture cookie <c>/culture</c> sets), else the signed-in user's profile language (the
/// <see cref="ButlerClaimsPrincipalFactory.LanguageClaim"/> claim of the sign-in cookie or the access token), else the
/// browser's <c>Accept-Language</c>, else zh-CN. A step naming a language Butler does not speak is skipped.
/// </summary>
public static class ReaderLanguages
{
    /// <summary>Request localization (run after authentication, so the profile is known) resolves by <see cref="Resolve"/> alone.</summary>
    public static IServiceCollection AddButlerReaderLanguage(this IServiceCollection services) =>
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Languages.All.Select(CultureInfo.GetCultureInfo).ToList();
            o.DefaultRequestCulture = new RequestCulture(Languages.Chinese);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.RequestCultureProviders = [new ReaderLanguageCultureProvider()];
        });

    /// <summary>
    /// The reader's language code (<see cref="Languages.Chinese"/> or <see cref="Languages.English"/>): the one request
    /// localization chose, or, for a request answered before it ran (a refusal by authorization), the same order applied here.
    /// </summary>
    public static string ReaderLanguage(this HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Features.Get<IRequestCultureFeature>() is { } chosen
            ? Languages.Of(chosen.RequestCulture.UICulture.Name)
            : Resolve(http);
    }

    /// <summary>The order itself: app bar, profile, <c>Accept-Language</c>, zh-CN.</summary>
    public static string Resolve(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return FromAppBar(http) ?? FromProfile(http) ?? FromBrowser(http) ?? Languages.Chinese;
    }

    /// <summary>The language of the culture cookie written by <c>/culture</c>, if it names one Butler speaks.</summary>
    public static string? FromAppBar(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Request.Cookies.TryGetValue(CookieRequestCultureProvider.DefaultCookieName, out var cookie)
            && CookieRequestCultureProvider.ParseCookieValue(cookie ?? "") is { } value
            ? Spoken((value.UICultures.FirstOrDefault().Value ?? value.Cultures.FirstOrDefault().Value))
            : null;
    }

    /// <summary>The signed-in user's profile language, carried as a claim so no request reads the database for it.</summary>
    public static string? FromProfile(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.User.Identity is { IsAuthenticated: true }
            ? Spoken(http.User.FindFirst(ButlerClaimsPrincipalFactory.LanguageClaim)?.Value)
            : null;
    }

    /// <summary>The browser's most preferred language Butler speaks (any "zh…" is read as zh-CN), by quality, then order.</summary>
    public static string? FromBrowser(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        IList<Microsoft.Net.Http.Headers.StringWithQualityHeaderValue> accepted;
        try
        {
            accepted = http.Request.GetTypedHeaders().AcceptLanguage;
        }
        catch (FormatException)
        {
            return null;
        }
        return accepted
            .Where(a => a.Quality is not <= 0)
            .OrderByDescending(a => a.Quality ?? 1)
            .Select(a => Spoken(a.Value.Value))
            .FirstOrDefault(l => l is not null);
    }

    /// <summary>The language code a culture name stands for, or null when Butler does not speak it.</summary>
    public static string? Spoken(string? culture) =>
        Languages.IsEnglish(culture) ? Languages.English
        : culture is not null && (culture.Equals("zh", StringComparison.OrdinalIgnoreCase) || culture.StartsWith("zh-", StringComparison.OrdinalIgnoreCase)) ? Languages.Chinese
        : null;

    /// <summary>
    /// An API caller's order: the request's <c>Accept-Language</c> (what a client asks for this request), else the
    /// profile, else zh-CN; the app bar's cookie is the pages' and is not read.
    /// </summary>
    public static string ResolveForApi(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return FromBrowser(http) ?? FromProfile(http) ?? Languages.Chinese;
    }

    /// <summary>True for the API's paths, which answer in <see cref="ResolveForApi"/>'s language.</summary>
    public static bool IsApi(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Hands <see cref="Resolve"/> (pages) and <see cref="ResolveForApi"/> (the API) to request localization: one provider,
    /// so the orders live in one place, and the API's texts in both languages (titles, names) are written in the
    /// caller's language through the current UI culture.
    /// </summary>
    private sealed class ReaderLanguageCultureProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
            Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(IsApi(httpContext) ? ResolveForApi(httpContext) : Resolve(httpContext)));
    }
}
