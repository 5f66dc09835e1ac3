using MimeKit;

namespace Butler.Workflows.Notifications;

/// <summary>Hands one finished e-mail to whatever delivers it; throws when it could not.</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}
