using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Butler.Workflows.Notifications;

/// <summary>Registrations of notifications; a host may replace any of them by registering its own first.</summary>
public static class NotificationsServiceCollectionExtensions
{
    /// <summary>
    /// Adds templates, the outbox writer and dispatcher, and a mail transport: SMTP when <paramref name="smtp"/> names a
    /// host, otherwise .eml files in <paramref name="pickupFolder"/>. The host supplies <see cref="IUserDirectory"/>.
    /// </summary>
    public static IServiceCollection AddButlerNotifications(this IServiceCollection services, SmtpOptions? smtp, string pickupFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pickupFolder);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<OutboxDispatcherOptions>();
        services.TryAddSingleton(_ => new NotificationTemplates());
        services.TryAddSingleton<OutboxWriter>();
        services.TryAddSingleton(new OutboxMailComposer(smtp?.From));
        if (!string.IsNullOrWhiteSpace(smtp?.Host))
        {
            services.TryAddSingleton<IMailTransport>(new SmtpMailTransport(smtp));
        }
        else
        {
            services.TryAddSingleton<IMailTransport>(sp => new PickupFolderTransport(pickupFolder, sp.GetRequiredService<TimeProvider>()));
        }
        services.TryAddSingleton<OutboxDispatcher>();
        return services;
    }
}
