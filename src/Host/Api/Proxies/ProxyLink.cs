namespace Butler.Host.Api.Proxies;

/// <summary>One person's out-of-office proxy (代理人): <paramref name="Proxy"/> stands in for <paramref name="Principal"/> from <paramref name="From"/> until <paramref name="Until"/>.</summary>
public sealed record ProxyLink(string Principal, string Proxy, DateTimeOffset From, DateTimeOffset Until)
{
    /// <summary>True while the proxy holds: from its start, up to (not including) its end.</summary>
    public bool HoldsAt(DateTimeOffset now) => From <= now && now < Until;

    /// <summary>True when the proxy holds at some moment of [<paramref name="from"/>, <paramref name="until"/>).</summary>
    public bool Overlaps(DateTimeOffset from, DateTimeOffset until) => From < until && from < Until;
}
