namespace Butler.Host.Api.Proxies;

/// <summary>
/// The proxy to name with a promotion trip: <c>to</c> stands in for the person recording it from the trip's day until
/// the end of <c>until</c> (a date, inclusive; the trip's day when left out), in the district's time zone.
/// </summary>
public sealed record TripProxyRequest(string? To, DateOnly? Until, string? Comment);
