using Butler.Designer.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Butler.Designer;

public static class DesignerServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the designer calls the API with; the host sets its base address.</summary>
    public const string HttpClientName = "Butler.Designer";

    /// <summary>
    /// Adds the designer's API client, one per circuit. The host supplies <see cref="IDesignerCredentials"/> and configures
    /// the named client's base address (where its own API listens).
    /// </summary>
    public static IServiceCollection AddButlerDesigner(this IServiceCollection services, Action<IServiceProvider, HttpClient> configure)
    {
        services.AddHttpClient(HttpClientName, configure);
        services.AddScoped<Canvas.DesignerClipboard>();
        services.AddScoped<Canvas.CanvasInterop>();
        services.AddScoped(sp => new DesignerApi(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<IDesignerCredentials>()));
        return services;
    }
}
