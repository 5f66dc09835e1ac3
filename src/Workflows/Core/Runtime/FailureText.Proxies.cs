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
    };
}
