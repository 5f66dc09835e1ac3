using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Butler.Host.Tests.Components;

/// <summary>A bUnit context with MudBlazor's services, rendering in the given UI language.</summary>
/// <remarks>MudBlazor's services are only asynchronously disposable, so each test disposes its context with <c>await using</c>.</remarks>
internal static class MudTestContext
{
    /// <param name="formatting">Also format numbers and dates for <paramref name="culture"/>, as figures and money are.</param>
    public static BunitContext New(string culture = "en", bool formatting = false)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        if (formatting)
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        }
        var context = new BunitContext();
        context.Services.AddMudServices();
        context.Services.AddScoped<Butler.Host.Components.People.PeopleNames>();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        return context;
    }
}
