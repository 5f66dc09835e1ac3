namespace Butler.Workflows.Runtime;

public static partial class FailureText
{
    /// <summary>The refusals of naming a proxy (<c>Failure.Proxies.cs</c>).</summary>
    private static Dictionary<string, (string En, string Zh)> ProxyTemplates() => new(StringComparer.Ordinal)
    {
        ["proxy.self"] = ("Name someone else as your proxy, not yourself.", "代理人须是他人，不能是本人。"),
        ["proxy.loop"] = ("{to} is away at that time with a proxy that leads back here ({chain}); proxies may not go round in a loop.",
            "{to} 在此期间也设有代理人，且会绕回本人（{chain}），代理人不能形成循环。"),
        ["proxy.untilBeforeFrom"] = ("The end must come after the start.", "结束时间须晚于开始时间。"),
        ["proxy.none"] = ("{name} has no proxy.", "{name} 未设代理人。"),
        ["proxy.tripOnly"] = ("A proxy comes with a trip only, not with a visit or reception.", "只有出差可以同时设置代理人，走访和接待不行。"),
        ["proxy.untilBeforeTrip"] = ("The proxy's last day comes on or after the trip's day.", "代理结束日期不能早于出差日期。"),
    };
}
