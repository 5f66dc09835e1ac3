using System.Globalization;
using System.Security.Cryptography;
using Butler.Workflows.Notifications;
using Butler.Workflows.Runtime;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Butler.Host.Api.Approvals;

/// <summary>Settings of the links in e-mails.</summary>
public sealed class LinkOptions
{
    /// <summary>The address people reach Butler at, for links in e-mails.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5080";

    /// <summary>How long a one-click decision link stays valid.</summary>
    public TimeSpan DecisionLinkLifetime { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>What a decision link allows: look at the approval, approve it, or extend the task by 3 working days.</summary>
public enum LinkAction
{
    View,
    Approve,
    Extend,
}

/// <summary>The content of a decision link, once its signature checked out.</summary>
public sealed record DecisionLink(Guid ApprovalId, string Approver, LinkAction Action, string Nonce, DateTimeOffset ExpiresAt);

/// <summary>Signs and reads one-click decision links: bound to one approval and one approver, expiring, single use.</summary>
public sealed class DecisionLinkService(IDataProtectionProvider protection, IOptions<LinkOptions> options, TimeProvider time) : IDecisionLinks
{
    private readonly IDataProtector _protector = protection.CreateProtector("Butler.DecisionLinks.v1");
    private readonly LinkOptions _options = options.Value;

    private static readonly (LinkAction Action, MessageLinkKind Kind)[] OneClick =
        [(LinkAction.Approve, MessageLinkKind.Approve), (LinkAction.Extend, MessageLinkKind.Extend)];

    public IReadOnlyList<MessageLink> ForApproval(Guid approvalId, string approver, IReadOnlyCollection<string> oneClickOutcomes)
    {
        ArgumentNullException.ThrowIfNull(oneClickOutcomes);
        var expires = time.GetUtcNow().Add(_options.DecisionLinkLifetime);
        var links = new List<MessageLink>();
        // Reassign and on-site office need a person or a plan, so they are decided on the approvals page, never in one click.
        foreach (var (action, kind) in OneClick)
        {
            if (oneClickOutcomes.Contains(OutcomeOf(action)!, StringComparer.Ordinal))
            {
                links.Add(new(kind, Url(new DecisionLink(approvalId, approver, action, NewNonce(), expires))));
            }
        }
        links.Add(new(MessageLinkKind.Open, Url(new DecisionLink(approvalId, approver, LinkAction.View, NewNonce(), expires))));
        return links;
    }

    /// <summary>The approval outcome a link decides; null for a link that only opens the approval.</summary>
    public static string? OutcomeOf(LinkAction action) => action switch
    {
        LinkAction.Approve => Approval.Approve,
        LinkAction.Extend => Approval.Extend,
        _ => null,
    };

    /// <summary>The task's page in the web app (a person follows it from a mail or the bell), not its JSON.</summary>
    public string? ForTask(Guid taskId) => $"{_options.PublicUrl.TrimEnd('/')}/tasks/{taskId:D}";

    /// <summary>The copy's read-only page (抄送): it marks the copy read and shows the task or the approval.</summary>
    public string? ForCopy(Guid copyId) => $"{_options.PublicUrl.TrimEnd('/')}/cc/{copyId:D}";

    public string Url(DecisionLink link) => $"{_options.PublicUrl.TrimEnd('/')}/approvals/decide?token={Uri.EscapeDataString(Protect(link))}";

    public string Protect(DecisionLink link) => _protector.Protect(string.Join('|',
        link.ApprovalId.ToString("N"), link.Action.ToString(), link.Nonce,
        link.ExpiresAt.UtcTicks.ToString(CultureInfo.InvariantCulture), link.Approver));

    /// <summary>Reads a link; null when the signature does not check out (tampered, or made by another installation).</summary>
    public DecisionLink? Read(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
        var parts = payload.Split('|', 5);
        return parts.Length == 5
            && Guid.TryParseExact(parts[0], "N", out var approvalId)
            && Enum.TryParse<LinkAction>(parts[1], out var action)
            && long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? new DecisionLink(approvalId, parts[4], action, parts[2], new DateTimeOffset(ticks, TimeSpan.Zero))
            : null;
    }

    public bool IsExpired(DecisionLink link) => time.GetUtcNow() >= link.ExpiresAt;

    private static string NewNonce() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}

public static class DecisionLinkRegistration
{
    /// <summary>Signed decision links; data-protection keys are kept in the data folder so links survive a restart.</summary>
    public static WebApplicationBuilder AddButlerDecisionLinks(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataProtection()
            .SetApplicationName("Butler")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Configuration.DataDirectory.From(builder.Services).Path, "keys")));
        builder.Services.AddSingleton<DecisionLinkService>();
        builder.Services.AddSingleton<IDecisionLinks>(sp => sp.GetRequiredService<DecisionLinkService>());
        return builder;
    }
}
