using Microsoft.Net.Http.Headers;

namespace Butler.Host.Configuration;

/// <summary>
/// The headers every HTML page of Butler sends: it may be framed only by Butler itself, and neither a browser nor a
/// proxy keeps a copy. The Blazor pages get them from the framework (the interactive render mode's
/// <c>frame-ancestors 'self'</c>, antiforgery's <c>X-Frame-Options</c> and no-store); this fills in the same for every
/// other page: the one-click decision pages, error pages, the API browser and the Hangfire dashboard.
/// </summary>
public static class PageHeaders
{
    public const string FrameAncestors = "frame-ancestors 'self'";

    /// <summary>Runs first, so that pages written by the error handler get the headers too.</summary>
    public static WebApplication UseButlerPageHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var response = context.Response;
            response.OnStarting(() =>
            {
                if (response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    var headers = response.Headers;
                    headers.TryAdd(HeaderNames.ContentSecurityPolicy, FrameAncestors);
                    headers.TryAdd(HeaderNames.XFrameOptions, "SAMEORIGIN");
                    headers.TryAdd(HeaderNames.CacheControl, "no-store, no-cache");
                    headers.TryAdd(HeaderNames.Pragma, "no-cache");
                }
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
