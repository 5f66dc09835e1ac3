using System.Security.Cryptography;
using System.Text;
using Butler.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Butler.Workflows.Notifications;

/// <summary>
/// Adds a recipient's in-app notification and e-mail to a context that the caller saves together with the state change
/// that caused them, so a notification exists exactly when the change does.
/// </summary>
public sealed class OutboxWriter(NotificationTemplates templates)
{
    /// <summary>The longest dedup key the tables accept.</summary>
    public const int MaxDedupKeyLength = 300;

    /// <summary>
    /// Adds the in-app notification and, when the recipient has an e-mail address and wants this kind by e-mail, the outbox message. Each is keyed
    /// <c>{dedupKey}:{userName}:app</c> / <c>:mail</c> and skipped when a row with that key is already in the context or
    /// the database. Does not save.
    /// </summary>
    public async Task AddAsync(ButlerDbContext db, Recipient recipient, NotificationModel model, string dedupKey,
        DateTimeOffset now, string? link, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(model);
        await AddRenderedAsync(db, recipient, model.Kind.ToString(), templates.Render(model, recipient.Language), dedupKey, now, link,
            model.InstanceId, model.TaskId, model.ApprovalId, ct);
    }

    /// <summary>
    /// Adds an already rendered message (the weekly dispatch agenda has its own template) the same way as
    /// <see cref="AddAsync"/>: in-app notification of <paramref name="kind"/>, and e-mail when the recipient has an address,
    /// each skipped when its dedup key is already there. Does not save.
    /// </summary>
    public static async Task AddRenderedAsync(ButlerDbContext db, Recipient recipient, string kind, RenderedMessage rendered, string dedupKey,
        DateTimeOffset now, string? link, Guid? instanceId = null, Guid? taskId = null, Guid? approvalId = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(rendered);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(dedupKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(recipient.UserName);

        var appKey = Key(dedupKey, recipient.UserName, "app");
        if (!db.Notifications.Local.Any(n => n.DedupKey == appKey)
            && !await db.Notifications.AnyAsync(n => n.DedupKey == appKey, ct))
        {
            db.Notifications.Add(new Notification
            {
                Id = Guid.CreateVersion7(now),
                DedupKey = appKey,
                UserName = recipient.UserName,
                Kind = kind,
                Title = Truncate(rendered.InAppTitle, 500),
                Body = Truncate(rendered.InAppBody, 4000),
                Link = link is { Length: <= 1000 } ? link : null,
                InstanceId = instanceId,
                TaskId = taskId,
                ApprovalId = approvalId,
                CreatedAt = now,
            });
        }

        // Someone who turned this kind of e-mail off still has the in-app notification above.
        if (string.IsNullOrWhiteSpace(recipient.Email) || !recipient.WantsMail(kind))
        {
            return;
        }
        var mailKey = Key(dedupKey, recipient.UserName, "mail");
        if (!db.Outbox.Local.Any(m => m.DedupKey == mailKey)
            && !await db.Outbox.AnyAsync(m => m.DedupKey == mailKey, ct))
        {
            db.Outbox.Add(new OutboxMessage
            {
                Id = Guid.CreateVersion7(now),
                DedupKey = mailKey,
                Recipient = Truncate(recipient.Email.Trim(), 320),
                RecipientName = recipient.DisplayName is null ? null : Truncate(recipient.DisplayName, 200),
                Subject = Truncate(rendered.Subject, 500),
                HtmlBody = rendered.Html,
                TextBody = rendered.Text,
                Status = OutboxStatus.Pending,
                Attempts = 0,
                CreatedAt = now,
                NextAttemptAt = now,
            });
        }
    }

    /// <summary>
    /// The stored key of one effect for one person; a key too long for the column keeps its readable start and ends in a
    /// hash of the whole, so distinct keys stay distinct.
    /// </summary>
    public static string Key(string dedupKey, string userName, string channel)
    {
        var key = $"{dedupKey}:{userName}:{channel}";
        if (key.Length <= MaxDedupKeyLength)
        {
            return key;
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return string.Concat(key.AsSpan(0, MaxDedupKeyLength - hash.Length - 1), "#", hash);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";
}
