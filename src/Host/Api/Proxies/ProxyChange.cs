namespace Butler.Host.Api.Proxies;

/// <summary>The outcome of naming a proxy: the proxy as saved, or what was wrong (nothing is saved then).</summary>
public sealed record ProxyChange(ProxyView? Proxy, IReadOnlyList<InputError> Errors)
{
    public bool IsOk => Errors.Count == 0;
}
