using System.Globalization;
using Butler.Workflows.Input;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Butler.Workflows.Notifications;

/// <summary>Hands one finished e-mail to whatever delivers it; throws when it could not.</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text; only for a relay on the same machine or network.</summary>
    None,

    /// <summary>Connect in plain text, then require STARTTLS (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,

    /// <summary>TLS on connect for port 465, otherwise STARTTLS when the server offers it.</summary>
    Auto,
}

/// <summary>The outgoing mail server (<c>Butler:Smtp</c>); without a host, mail goes to the pickup folder.</summary>
public sealed class SmtpOptions
{
    public const string DefaultFrom = "Butler <butler@localhost>";

    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = DefaultFrom;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Builds the MIME message of an outbox row: text and HTML alternatives, a Message-Id derived from the row's id.</summary>
public sealed class OutboxMailComposer
{
    private readonly MailboxAddress _from;

    public OutboxMailComposer(string? from = null)
    {
        if (!MailboxAddress.TryParse(string.IsNullOrWhiteSpace(from) ? SmtpOptions.DefaultFrom : from, out var parsed))
        {
            throw new ArgumentException($"The sender '{from}' is not an e-mail address such as \"Butler <butler@example.org>\".", nameof(from));
        }
        _from = parsed;
    }

    public MailboxAddress From => _from;

    /// <summary>
    /// The message of a row. Its Message-Id is the same however often the row is composed, so a receiving system can
    /// recognise a message that SMTP delivered twice (a lost acknowledgement is the one case no sender can rule out).
    /// </summary>
    /// <exception cref="ParseException">The recipient is not an e-mail address.</exception>
    public MimeMessage Compose(OutboxMessage row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var to = MailboxAddress.Parse(ParserOptions.Default, row.Recipient);
        if (!string.IsNullOrWhiteSpace(row.RecipientName))
        {
            to.Name = InputRules.ForExport(row.RecipientName, multiLine: false);
        }
        // Texts come from stored data (a project's name) that may predate the input rules: what mail programs and
        // headers refuse is replaced, and the subject stays one line.
        var message = new MimeMessage
        {
            Subject = InputRules.ForExport(row.Subject, multiLine: false),
            Date = row.CreatedAt,
            MessageId = MessageIdOf(row.Id, _from.Domain),
            Body = new BodyBuilder { TextBody = InputRules.ForExport(row.TextBody), HtmlBody = InputRules.ForExport(row.HtmlBody) }.ToMessageBody(),
        };
        message.From.Add(_from);
        message.To.Add(to);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        return message;
    }

    /// <summary><c>{id}@{domain}</c>: the outbox row's id, which every copy of the message carries.</summary>
    public static string MessageIdOf(Guid id, string? domain) =>
        string.Create(CultureInfo.InvariantCulture, $"{id:N}@{(string.IsNullOrWhiteSpace(domain) ? "butler.localhost" : domain)}");
}

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

/// <summary>
/// Writes each message as <c>{yyyyMMdd-HHmmss}-{id}.eml</c> into a folder, so an install without a mail server still
/// shows what would have been sent. A message whose file exists already is not written again.
/// </summary>
public sealed class PickupFolderTransport(string folder, TimeProvider time) : IMailTransport
{
    public string Folder { get; } = Path.GetFullPath(folder);

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(Folder);
        var id = FileId(message);
        if (Directory.EnumerateFiles(Folder, $"*-{id}.eml").Any())
        {
            return;
        }
        var name = string.Create(CultureInfo.InvariantCulture, $"{time.GetUtcNow():yyyyMMdd-HHmmss}-{id}.eml");
        var temporary = Path.Combine(Folder, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            // Written aside and moved in, so a reader of the folder never sees half a message.
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16 * 1024, useAsync: true))
            {
                await message.WriteToAsync(stream, ct);
                await stream.FlushAsync(ct);
            }
            var final = Path.Combine(Folder, name);
            try
            {
                File.Move(temporary, final, overwrite: false);
            }
            catch (IOException) when (File.Exists(final))
            {
                // Another host wrote the same message in the same second: it is there once, which is all we want.
            }
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>The local part of the Message-Id (the outbox row's id) made safe for a file name.</summary>
    private static string FileId(MimeMessage message)
    {
        var local = message.MessageId?.Split('@')[0];
        if (string.IsNullOrEmpty(local))
        {
            return Guid.NewGuid().ToString("N");
        }
        var invalid = Path.GetInvalidFileNameChars();
        return new string(local.Select(c => invalid.Contains(c) || c is '*' or '?' ? '_' : c).ToArray());
    }
}
