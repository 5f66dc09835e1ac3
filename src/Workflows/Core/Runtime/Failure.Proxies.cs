namespace Butler.Workflows.Runtime;

/// <summary>The refusals of naming an out-of-office proxy (代理人).</summary>
public sealed partial record Failure
{
    public static Failure ProxySelf() => Of("proxy.self");
    public static Failure ProxyLoop(string to, IEnumerable<string> chain) => Of("proxy.loop", ("to", to), ("chain", string.Join(" → ", chain)));
    public static Failure ProxyUntilBeforeFrom() => Of("proxy.untilBeforeFrom");
    public static Failure ProxyNone(string name) => Of("proxy.none", ("name", name));
    public static Failure ProxyTripOnly() => Of("proxy.tripOnly");
    public static Failure ProxyUntilBeforeTrip() => Of("proxy.untilBeforeTrip");
}
