using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Butler.Workflows.Notifications;

/// <summary>Delivers through an SMTP server with MailKit, one connection per message.</summary>
public sealed class SmtpMailTransport(SmtpOptions options) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            throw new InvalidOperationException("No SMTP host is configured.");
        }
        using var client = new SmtpClient { Timeout = (int)Math.Clamp(options.Timeout.TotalMilliseconds, 1000, int.MaxValue) };
        await client.ConnectAsync(options.Host, options.Port, Map(options.Security), ct);
        if (!string.IsNullOrEmpty(options.UserName))
        {
            await client.AuthenticateAsync(options.UserName, options.Password ?? "", ct);
        }
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    private static SecureSocketOptions Map(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
