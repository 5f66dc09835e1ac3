using Butler.Host.Api.Proxies;

namespace Butler.Host.Tests.Api.Proxies;

/// <summary>Who stands in for whom: a proxy of a proxy followed once, loops found across overlapping times.</summary>
public sealed class ProxyRosterTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);

    private static ProxyLink Link(string principal, string proxy, int fromDays = -1, int untilDays = 3) =>
        new(principal, proxy, Now.AddDays(fromDays), Now.AddDays(untilDays));

    [Fact]
    public void A_proxy_of_a_proxy_is_followed_once()
    {
        ProxyLink[] links = [Link("a", "b"), Link("b", "c"), Link("c", "d")];

        Assert.Equal(["b", "a"], ProxyRoster.Represented(links, "c", Now));
        Assert.Equal(["c", "b"], ProxyRoster.Represented(links, "d", Now));
        Assert.Equal(["b", "c"], ProxyRoster.ProxiesOf(links, "a", Now));
    }

    [Fact]
    public void A_proxy_holds_from_its_start_until_before_its_end()
    {
        ProxyLink[] links = [Link("a", "b", fromDays: 1, untilDays: 2)];

        Assert.Empty(ProxyRoster.Represented(links, "b", Now));
        Assert.Equal(["a"], ProxyRoster.Represented(links, "b", Now.AddDays(1)));
        Assert.Empty(ProxyRoster.Represented(links, "b", Now.AddDays(2)));
    }

    [Fact]
    public void A_loop_is_found_only_across_overlapping_times()
    {
        ProxyLink[] links = [Link("b", "c"), Link("c", "a", fromDays: 10, untilDays: 12)];

        Assert.Null(ProxyRoster.Loop(links, "a", "b", Now, Now.AddDays(3)));
        Assert.Equal(["b", "c", "a"], ProxyRoster.Loop(links, "a", "b", Now, Now.AddDays(11)));
        Assert.Null(ProxyRoster.Loop([Link("b", "c"), Link("c", "b")], "a", "b", Now, Now.AddDays(1)));
    }
}
