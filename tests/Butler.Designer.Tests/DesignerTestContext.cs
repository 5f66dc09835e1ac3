using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Butler.Designer.Tests;

/// <summary>A bUnit context with MudBlazor's services, rendering in the given UI language.</summary>
/// <remarks>MudBlazor's services are only asynchronously disposable, so each test disposes its context with <c>await using</c>.</remarks>
internal static class DesignerTestContext
{
    public static BunitContext New(string culture = "en")
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var context = new BunitContext();
        context.Services.AddMudServices();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        return context;
    }
}
