namespace Butler.Designer.Api;

/// <summary>
/// The bearer token the designer sends to the API on behalf of the person using it. The host issues a short-lived token
/// for the signed-in user of the circuit, so the API applies that user's roles exactly as for any other client.
/// </summary>
public interface IDesignerCredentials
{
    /// <summary>A bearer token, or null when nobody is signed in (the API then answers 401).</summary>
    Task<string?> GetTokenAsync(CancellationToken ct = default);
}
