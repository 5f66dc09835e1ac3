using System.Globalization;
using Butler.Workflows.Input;
using MimeKit;

namespace Butler.Workflows.Notifications;

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
