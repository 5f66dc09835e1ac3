using Butler.Workflows.Notifications;
using Microsoft.AspNetCore.Identity;

namespace Butler.Host.Identity;

/// <summary>A person signing in to Butler.</summary>
public sealed class ButlerUser : IdentityUser
{
    public string? DisplayName { get; set; }

    /// <summary>zh-CN or en; the language of the UI and of e-mails to this user.</summary>
    public string Language { get; set; } = "zh-CN";

    /// <summary>常用意见: the comments this person picks under every comment box, as a JSON array; null for the defaults.</summary>
    public string? PhrasesJson { get; set; }

    /// <summary>代理人: who stands in for this person while they are away; null when nobody does.</summary>
    public string? ProxyUserName { get; private set; }

    /// <summary>From when the proxy holds (UTC).</summary>
    public DateTimeOffset? ProxyFrom { get; private set; }

    /// <summary>Until when the proxy holds (UTC, exclusive).</summary>
    public DateTimeOffset? ProxyUntil { get; private set; }

    /// <summary>Why, as the person wrote it (a trip, leave…).</summary>
    public string? ProxyComment { get; private set; }

    /// <summary>Names the person's proxy for a time; the caller has checked who and when (see <c>Proxies</c>).</summary>
    public void SetProxy(string userName, DateTimeOffset from, DateTimeOffset until, string? comment)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        if (until <= from)
        {
            throw new ArgumentOutOfRangeException(nameof(until), until, "A proxy ends after it begins.");
        }
        ProxyUserName = userName;
        ProxyFrom = from.ToUniversalTime();
        ProxyUntil = until.ToUniversalTime();
        ProxyComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
    }

    /// <summary>Ends the person's proxy, whether it held yet or not.</summary>
    public void ClearProxy()
    {
        ProxyUserName = null;
        ProxyFrom = null;
        ProxyUntil = null;
        ProxyComment = null;
    }

    /// <summary>
    /// The kinds of e-mail this person turned off, comma-separated (<c>Reminder,Escalation</c>); null when they take all.
    /// In-app notifications are always on. Stored as a list, so a new kind needs no new column.
    /// </summary>
    public string? MailOptOut { get; private set; }

    /// <summary>The e-mail kinds a person may turn off on their profile; anything else (the dispatch agenda…) is always mailed.</summary>
    public static readonly IReadOnlyList<NotificationKind> OptionalMail =
        [NotificationKind.Reminder, NotificationKind.Escalation, NotificationKind.ApprovalRequested];

    /// <summary>The kinds of e-mail turned off, as <see cref="Recipient.DeclinedMail"/> wants them.</summary>
    public IReadOnlySet<string> DeclinedMail =>
        (MailOptOut ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    public bool WantsMail(NotificationKind kind) => !DeclinedMail.Contains(kind.ToString());

    /// <summary>Turns one optional kind of e-mail on or off.</summary>
    public void SetWantsMail(NotificationKind kind, bool wanted)
    {
        if (!OptionalMail.Contains(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "This kind of e-mail cannot be turned off.");
        }
        var declined = DeclinedMail.ToHashSet(StringComparer.Ordinal);
        if (wanted)
        {
            declined.Remove(kind.ToString());
        }
        else
        {
            declined.Add(kind.ToString());
        }
        MailOptOut = declined.Count == 0 ? null : string.Join(',', declined.Order(StringComparer.Ordinal));
    }
}

/// <summary>The three roles of Butler and the policies built on them.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Leader = "Leader";
    public const string Squad = "Squad";

    public static readonly IReadOnlyList<string> All = [Admin, Leader, Squad];
}

public static class Policies
{
    /// <summary>Administrators only.</summary>
    public const string Admin = "Admin";

    /// <summary>Leaders and administrators: oversight across all projects.</summary>
    public const string LeaderOrAdmin = "LeaderOrAdmin";
}
