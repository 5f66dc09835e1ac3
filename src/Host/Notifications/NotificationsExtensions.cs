using Butler.Host.Configuration;
using Butler.Workflows.Notifications;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Butler.Host.Notifications;

public static class NotificationsExtensions
{
    /// <summary>The <c>Butler:Smtp</c> configuration section.</summary>
    public const string SmtpSection = "Butler:Smtp";

    /// <summary>
    /// Notifications with mail through <c>Butler:Smtp</c>, or as .eml files in <c>{DataDirectory}/mail</c> when no host is
    /// configured, and recipients looked up in the Identity user store. Call after <c>AddButlerPersistence</c>.
    /// </summary>
    public static WebApplicationBuilder AddButlerNotifications(this WebApplicationBuilder builder)
    {
        var smtp = builder.Configuration.GetSection(SmtpSection).Get<SmtpOptions>() ?? new SmtpOptions();
        var dataDirectory = DataDirectory.From(builder.Services);
        try
        {
            builder.Services.AddButlerNotifications(smtp, Path.Combine(dataDirectory.Path, "mail"));
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"{SmtpSection}:From: {ex.Message}", ex);
        }
        // Due times are shown in the district's zone, the one the working calendar uses (Butler:TimeZone).
        var zone = builder.Configuration[$"{ButlerOptions.Section}:TimeZone"];
        if (!string.IsNullOrWhiteSpace(zone) && TimeZoneInfo.TryFindSystemTimeZoneById(zone.Trim(), out var timeZone))
        {
            builder.Services.Replace(ServiceDescriptor.Singleton(new NotificationTemplates(timeZone)));
        }
        // The engine registers a directory that knows nobody; the user store is the real one.
        builder.Services.RemoveAll<IUserDirectory>();
        builder.Services.AddSingleton<IUserDirectory, IdentityUserDirectory>();
        return builder;
    }
}
