using System.Globalization;
using Butler.Host.Configuration;
using Butler.Workflows.Activities;

namespace Butler.Host.Api;

/// <summary>
/// The language an API caller reads problem details in: the request's <c>Accept-Language</c> (what a client asks for
/// this request), else the signed-in user's profile language, else zh-CN. The steps are the reader-language resolver's
/// (<see cref="ReaderLanguages"/>, ADR 023); only their order differs from the pages', where the app bar's choice and
/// the profile come before the browser's header.
/// </summary>
public static class CallerLanguage
{
    public static CultureInfo Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return CultureInfo.GetCultureInfo(ReaderLanguages.ResolveForApi(http));
    }
}
