using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Butler.Host.Api.Instances;
using Butler.Host.Components.Designer;
using Butler.Host.Configuration;
using Butler.Host.Api.Me;
using Butler.Host.Api.Tasks;
using Butler.Host.Api.Users;
using Butler.Host.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using MudBlazor.Services;

namespace Butler.Host.Components;

public static class WebAppExtensions
{
    /// <summary>The Blazor web application (interactive server, MudBlazor) and its languages.</summary>
    public static WebApplicationBuilder AddButlerWebApp(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        // The framework's and MudBlazor's scripts and styles, served from the build's manifest in every environment (a build run
        // as Production, the end-to-end tests, the benchmarks); a published app has them in wwwroot and no manifest, so this is a no-op there.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, CircuitRevalidation>();
        builder.Services.AddMudServices();
        builder.Services.AddTransient<MudBlazor.MudLocalizer, ChineseMudWords>();
        builder.AddButlerDesignerHosting();
        // Chinese text written as itself, not as &#x...; escapes: a third of the bytes, and readable in the page source.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddScoped<People.PeopleNames>();
        builder.Services.AddScoped<Tasks.CircuitPhrases>();
        builder.Services.AddScoped<MyTasks>();
        builder.Services.AddScoped<TaskDetails>();
        builder.Services.AddScoped<Api.Copies.Copies>();
        builder.Services.AddScoped<TaskAttachments>();
        builder.Services.AddOptions<AttachmentOptions>().BindConfiguration(AttachmentOptions.Section);
        builder.Services.AddScoped<Api.Approvals.ApprovalInbox>();
        builder.Services.AddScoped<Api.Notifications.NotificationInbox>();
        builder.Services.Configure<Live.LiveRefreshOptions>(builder.Configuration.GetSection(Live.LiveRefreshOptions.Section));
        // Shared by the API and the administration and profile pages.
        builder.Services.AddSingleton<Profiles>();
        builder.Services.AddSingleton<Api.Proxies.Proxies>();
        builder.Services.AddSingleton<Signatures>();
        builder.Services.AddSingleton<UserAdministration>();
        builder.Services.AddSingleton<WorkflowInstances>();
        // The language chosen in the app bar, else the user's own, else the browser's, else zh-CN: one resolver (ADR 023).
        builder.Services.AddButlerReaderLanguage();
        return builder;
    }

    /// <summary>Runs after authentication, so the user's language is known.</summary>
    public static WebApplication UseButlerWebApp(this WebApplication app)
    {
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>The pages, sign-out and the language switch.</summary>
    public static WebApplication MapButlerWebApp(this WebApplication app)
    {
        // A form post from the app bar, guarded by the antiforgery token like every form.
        app.MapPost("/signout", SignOutAsync).WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();
        app.MapGet("/culture", SetLanguage).AllowAnonymous().ExcludeFromDescription();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode()
            .AddAdditionalAssemblies(typeof(Butler.Designer.DesignerText).Assembly);
        return app;
    }

    private static async Task<Results<RedirectHttpResult, BadRequest>> SignOutAsync(HttpContext http, SignInManager<ButlerUser> signIn)
    {
        // The antiforgery middleware only records its verdict; an endpoint without form binding must read it.
        if (http.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
        {
            return TypedResults.BadRequest();
        }
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("/signin");
    }

    private static RedirectHttpResult SetLanguage(HttpContext http, string? language, string? returnUrl)
    {
        if (language is not null && UiText.Languages.Contains(language))
        {
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
        }
        return TypedResults.LocalRedirect(Account.SignIn.SafeReturnUrl(returnUrl));
    }
}
