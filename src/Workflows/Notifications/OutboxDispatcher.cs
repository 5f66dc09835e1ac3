using System.Net.Sockets;
using Butler.Workflows.Persistence;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Butler.Workflows.Notifications;

/// <summary>
/// Delivers the outbox. Each message is claimed with one conditional update (pending and due, or sending with an
/// expired lease), so two hosts dispatching at once never both send it; the result is written only while the claim
/// is still held.
/// </summary>
public sealed partial class OutboxDispatcher(
    IDbContextFactory<ButlerDbContext> dbFactory,
    IMailTransport transport,
    OutboxMailComposer composer,
    TimeProvider time,
    IOptions<OutboxDispatcherOptions> options,
    ILogger<OutboxDispatcher> logger)
{
    private const int MaxErrorLength = 1000;

    private readonly OutboxDispatcherOptions _options = options.Value;

    /// <summary>Sends the due messages, oldest first, one batch; returns how many were sent.</summary>
    /// <remarks>When the mail server cannot be reached the batch stops, and the rest wait untouched for the next run.</remarks>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        List<Guid> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            due = await Due(db.Outbox.AsNoTracking(), now)
                .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
                .Select(m => m.Id)
                .Take(Math.Max(1, _options.BatchSize))
                .ToListAsync(ct);
        }
        var sent = 0;
        for (var i = 0; i < due.Count; i++)
        {
            var result = await DeliverAsync(due[i], ct);
            if (result == Delivery.Sent)
            {
                sent++;
            }
            else if (result == Delivery.ServerUnavailable)
            {
                LogBatchStopped(logger, due.Count - i - 1);
                break;
            }
        }
        return sent;
    }

    /// <summary>Sends one message if it is due and no other host holds it; true when this call sent it.</summary>
    public async Task<bool> DispatchOneAsync(Guid id, CancellationToken ct) => await DeliverAsync(id, ct) == Delivery.Sent;

    private enum Delivery
    {
        NotClaimed,
        Sent,
        Failed,
        ServerUnavailable,
    }

    private static IQueryable<OutboxMessage> Due(IQueryable<OutboxMessage> query, DateTimeOffset now) =>
        query.Where(m => (m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
            || (m.Status == OutboxStatus.Sending && m.LeaseUntil < now));

    private async Task<Delivery> DeliverAsync(Guid id, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // Whole milliseconds: the lease doubles as the claim's token and must compare equal after a round trip on every provider.
        DateTimeOffset? lease = WholeMilliseconds(now + _options.LeaseDuration);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var claimed = await Due(db.Outbox.Where(m => m.Id == id), now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sending)
                .SetProperty(m => m.LeaseUntil, lease)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
        if (claimed == 0)
        {
            return Delivery.NotClaimed;
        }
        var row = await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id, ct);
        var held = db.Outbox.Where(m => m.Id == id && m.Status == OutboxStatus.Sending && m.LeaseUntil == lease);

        try
        {
            await transport.SendAsync(composer.Compose(row), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down is not the message's fault: hand it back as it was.
            await held.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.Attempts, m => m.Attempts - 1), CancellationToken.None);
            throw;
        }
        catch (Exception ex)
        {
            return await RecordFailureAsync(held, row, ex, now);
        }

        // Recorded even when shutdown was requested meanwhile: a sent message left unrecorded would be sent again.
        var recorded = await held.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Sent)
            .SetProperty(m => m.SentAt, (DateTimeOffset?)time.GetUtcNow())
            .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null)
            .SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
        if (recorded == 0)
        {
            LogLeaseLost(logger, id);
        }
        else
        {
            LogSent(logger, id, row.Attempts);
        }
        return Delivery.Sent;
    }

    private async Task<Delivery> RecordFailureAsync(IQueryable<OutboxMessage> held, OutboxMessage row, Exception error, DateTimeOffset now)
    {
        var unavailable = IsServerUnavailable(error);
        var giveUp = IsPermanent(error) || (!unavailable && row.Attempts >= _options.MaxAttempts);
        var nextAttempt = now + _options.Backoff(row.Attempts);
        var description = Describe(error);
        await held.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, giveUp ? OutboxStatus.Failed : OutboxStatus.Pending)
            .SetProperty(m => m.NextAttemptAt, nextAttempt)
            .SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null)
            .SetProperty(m => m.LastError, description), CancellationToken.None);
        if (giveUp)
        {
            LogGaveUp(logger, error, row.Id, row.Attempts, description);
            return Delivery.Failed;
        }
        LogRetry(logger, error, row.Id, row.Attempts, nextAttempt, description);
        return unavailable ? Delivery.ServerUnavailable : Delivery.Failed;
    }

    /// <summary>Failures that no retry can fix: a malformed address, or a server refusing this recipient or message for good.</summary>
    private static bool IsPermanent(Exception error) => error switch
    {
        ParseException => true,
        SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted } command
            => (int)command.StatusCode >= 500,
        _ => false,
    };

    /// <summary>Failures of the server or its configuration rather than of one message: every other message would fail the same way.</summary>
    private static bool IsServerUnavailable(Exception error) => error switch
    {
        SocketException or IOException or TimeoutException or OperationCanceledException => true,
        ServiceNotConnectedException or ServiceNotAuthenticatedException or AuthenticationException or SslHandshakeException => true,
        SmtpProtocolException => true,
        SmtpCommandException { ErrorCode: SmtpErrorCode.SenderNotAccepted or SmtpErrorCode.UnexpectedStatusCode } => true,
        UnauthorizedAccessException or InvalidOperationException => true,
        _ => false,
    };

    /// <summary>Type and message only, on one line and short: enough to act on, and never the configuration or a stack.</summary>
    private static string Describe(Exception error)
    {
        var message = error is SmtpCommandException command ? $"{(int)command.StatusCode} {error.Message}" : error.Message;
        var text = $"{error.GetType().Name}: {string.Join(' ', message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))}";
        return text.Length <= MaxErrorLength ? text : text[..(MaxErrorLength - 1)] + "…";
    }

    private static DateTimeOffset WholeMilliseconds(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent outbox message {MessageId} on attempt {Attempt}")]
    private static partial void LogSent(ILogger logger, Guid messageId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} failed on attempt {Attempt}; next attempt at {NextAttemptAt}: {Error}")]
    private static partial void LogRetry(ILogger logger, Exception exception, Guid messageId, int attempt, DateTimeOffset nextAttemptAt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {MessageId} failed for good after {Attempts} attempts: {Error}")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, Guid messageId, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} was sent after its lease expired; another host may have sent it as well")]
    private static partial void LogLeaseLost(ILogger logger, Guid messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail server is unavailable; {Remaining} more due messages wait for the next run")]
    private static partial void LogBatchStopped(ILogger logger, int remaining);
}
