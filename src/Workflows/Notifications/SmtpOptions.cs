namespace Butler.Workflows.Notifications;

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
