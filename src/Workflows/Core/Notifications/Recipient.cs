namespace Butler.Workflows.Notifications;

/// <summary>
/// A person who can receive a notification, as the host's user store knows them; <paramref name="DeclinedMail"/> names
/// the kinds of message (<see cref="NotificationKind"/> names) they want in the app only, not by e-mail; <paramref name="Locked"/>
/// is an account that may not sign in now (it still hears of its tasks, but no new work is handed to it).
/// </summary>
public sealed record Recipient(string UserName, string? DisplayName, string? Email, string Language, IReadOnlySet<string>? DeclinedMail = null, bool Locked = false)
{
    /// <summary>Whether a message of this kind also goes out by e-mail (given an address); in-app notifications always do.</summary>
    public bool WantsMail(string kind) => DeclinedMail is null || !DeclinedMail.Contains(kind);
}
