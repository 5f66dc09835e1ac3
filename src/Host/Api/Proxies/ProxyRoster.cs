namespace Butler.Host.Api.Proxies;

/// <summary>
/// Who stands in for whom, worked out from every person's proxy. A proxy of a proxy is followed once: when A's proxy B
/// is away with proxy C, work for A reaches B and C, never C's own proxy.
/// </summary>
public static class ProxyRoster
{
    private static readonly StringComparer Names = StringComparer.OrdinalIgnoreCase;

    /// <summary>
    /// The people <paramref name="userName"/> acts for at <paramref name="now"/>: those whose proxy they are, and those
    /// whose proxy is away with them as proxy.
    /// </summary>
    public static IReadOnlyList<string> Represented(IReadOnlyCollection<ProxyLink> links, string userName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(links);
        var holding = links.Where(l => l.HoldsAt(now)).ToList();
        var direct = holding.Where(l => Names.Equals(l.Proxy, userName)).Select(l => l.Principal).ToList();
        var once = holding.Where(l => direct.Contains(l.Proxy, Names)).Select(l => l.Principal);
        return [.. direct.Concat(once).Where(p => !Names.Equals(p, userName)).Distinct(Names)];
    }

    /// <summary>Who work named for <paramref name="userName"/> reaches besides them at <paramref name="now"/>: their proxy, and that proxy's proxy.</summary>
    public static IReadOnlyList<string> ProxiesOf(IReadOnlyCollection<ProxyLink> links, string userName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(links);
        var found = new List<string>();
        var first = links.FirstOrDefault(l => Names.Equals(l.Principal, userName) && l.HoldsAt(now));
        if (first is not null)
        {
            found.Add(first.Proxy);
            if (links.FirstOrDefault(l => Names.Equals(l.Principal, first.Proxy) && l.HoldsAt(now)) is { } second)
            {
                found.Add(second.Proxy);
            }
        }
        return [.. found.Where(p => !Names.Equals(p, userName)).Distinct(Names)];
    }

    /// <summary>
    /// The chain that would close a loop if <paramref name="principal"/> named <paramref name="proxy"/> for
    /// [<paramref name="from"/>, <paramref name="until"/>): <c>[proxy, …, principal]</c>, following the other proxies
    /// that overlap that time; null when there is none.
    /// </summary>
    public static IReadOnlyList<string>? Loop(IReadOnlyCollection<ProxyLink> links, string principal, string proxy, DateTimeOffset from, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(links);
        var others = links.Where(l => !Names.Equals(l.Principal, principal) && l.Overlaps(from, until))
            .GroupBy(l => l.Principal, Names).ToDictionary(g => g.Key, g => g.First().Proxy, Names);
        var chain = new List<string> { proxy };
        var current = proxy;
        while (others.TryGetValue(current, out var next))
        {
            chain.Add(next);
            if (Names.Equals(next, principal))
            {
                return chain;
            }
            if (chain.Count > others.Count + 1)
            {
                return null;
            }
            current = next;
        }
        return null;
    }
}
