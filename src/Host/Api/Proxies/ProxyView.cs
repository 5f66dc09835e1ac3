namespace Butler.Host.Api.Proxies;

/// <summary>
/// A person's proxy (代理人) as the API and the profile page show it: whose (<c>userName</c>), who stands in (<c>to</c>,
/// with their display name), from when until when (UTC), why, and whether it holds now.
/// </summary>
public sealed record ProxyView(string UserName, string To, string ToDisplayName, DateTimeOffset From, DateTimeOffset Until, string? Comment, bool Active);
