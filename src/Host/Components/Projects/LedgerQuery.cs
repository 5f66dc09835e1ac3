using System.Globalization;
using Butler.Host.Api.Projects;
using Microsoft.AspNetCore.WebUtilities;

namespace Butler.Host.Components.Projects;

/// <summary>
/// The ledger page's filters and page as they stand in its URL, named as <c>GET /api/projects</c> names them
/// (<c>/projects?leaderId=…&amp;chain=…&amp;stage=…&amp;light=…&amp;search=…&amp;page=…</c>), so a filtered ledger can be
/// linked and exported with the same filters.
/// </summary>
public sealed record LedgerQuery(Guid? LeaderId = null, string? Chain = null, string? Stage = null, string? Light = null, string? Search = null, int Page = 1)
{
    public const int PageSize = 25;

    public static IReadOnlyList<string> Stages { get; } = ["signed", "permits", "site", "construction", "production"];

    public static IReadOnlyList<string> Lights { get; } = ["red", "yellow", "green"];

    /// <summary>The same filter <c>GET /api/projects</c> applies.</summary>
    public ProjectFilter ToFilter() => new(LeaderId, Blank(Chain), Blank(Stage), Blank(Light), null, Blank(Search)?.Trim());

    /// <summary>The ledger page's link for these filters and page.</summary>
    public string PageLink()
    {
        var pairs = Filters();
        if (Page > 1)
        {
            pairs.Add(new("page", Page.ToString(CultureInfo.InvariantCulture)));
        }
        return QueryHelpers.AddQueryString("projects", pairs);
    }

    /// <summary>The export of the ledger with these filters (every page), in the given format and language.</summary>
    public string ExportLink(string format, string language)
    {
        var pairs = Filters();
        pairs.Insert(0, new("format", format));
        pairs.Add(new("lang", language));
        return QueryHelpers.AddQueryString("api/projects/export", pairs);
    }

    /// <summary>A changed filter starts again at the first page.</summary>
    public LedgerQuery Filtered(Func<LedgerQuery, LedgerQuery> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change(this) with { Page = 1 };
    }

    private List<KeyValuePair<string, string?>> Filters()
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        if (LeaderId is { } leader)
        {
            pairs.Add(new("leaderId", leader.ToString("D")));
        }
        foreach (var (key, value) in new[] { ("chain", Chain), ("stage", Stage), ("light", Light), ("search", Search?.Trim()) })
        {
            if (Blank(value) is { } v)
            {
                pairs.Add(new(key, v));
            }
        }
        return pairs;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
