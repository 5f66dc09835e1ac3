namespace Butler.Host.Api.Proxies;

/// <summary>
/// Names a proxy: <c>to</c> an existing, unlocked user other than the person; <c>from</c> (default now) and
/// <c>until</c> (required, after <c>from</c>) with their offsets; an optional <c>comment</c>.
/// </summary>
public sealed record ProxyRequest(string? To, DateTimeOffset? From, DateTimeOffset? Until, string? Comment);
