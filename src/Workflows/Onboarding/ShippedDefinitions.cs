using Butler.Workflows.Definitions;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Butler.Workflows.Onboarding;

/// <summary>
/// The workflow definitions Butler ships (embedded <c>Onboarding/Definitions/*.json</c>): each is created and published
/// when the database has no published version of it, in every mode, so the product works out of the box. A definition
/// that already has a published version is left alone: administrators own it from then on and edit it in the designer.
/// </summary>
public sealed partial class ShippedDefinitions(
    DefinitionService definitions,
    IDbContextFactory<ButlerDbContext> dbFactory,
    ILogger<ShippedDefinitions> logger)
{
    public const string ResourcePrefix = "Butler.Workflows.Onboarding.Definitions.";

    /// <summary>Who creates and publishes the shipped definitions.</summary>
    public const string Publisher = "system";

    /// <summary>The names of the embedded definition resources, in order.</summary>
    public static IReadOnlyList<string> ResourceNames { get; } =
    [
        .. typeof(ShippedDefinitions).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>The JSON of a shipped definition by its id (the file name without <c>.json</c>).</summary>
    public static string Read(string id) => ReadResource(ResourcePrefix + id + ".json");

    /// <summary>
    /// Creates and publishes every shipped definition that has no published version. Safe to run on every start and
    /// from several hosts at once: whoever loses a race finds the work done.
    /// </summary>
    /// <exception cref="InvalidOperationException">A shipped definition is invalid (a bug in this build).</exception>
    public async Task EnsurePublishedAsync(CancellationToken ct = default)
    {
        foreach (var resource in ResourceNames)
        {
            var json = ReadResource(resource);
            var id = DefinitionJson.TryParse(json, out var problem)?.Id
                ?? throw new InvalidOperationException($"The shipped definition {resource} does not parse: {problem?.Message}");
            if (await HasPublishedAsync(id, ct))
            {
                continue;
            }
            if (await definitions.GetAsync(id, null, ct) is null)
            {
                var created = await definitions.CreateAsync(json, Publisher, ct);
                if (!created.IsOk && created.Status != OperationStatus.Conflict)
                {
                    throw new InvalidOperationException($"The shipped definition '{id}' is invalid: {Describe(created)}");
                }
            }
            var published = await definitions.PublishAsync(id, Publisher, ct);
            if (published.IsOk)
            {
                LogPublished(id, published.Value!.Version);
            }
            else if (!await HasPublishedAsync(id, ct))
            {
                throw new InvalidOperationException($"The shipped definition '{id}' could not be published: {Describe(published)}");
            }
        }
    }

    private async Task<bool> HasPublishedAsync(string id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await DefinitionService.LatestPublishedVersionAsync(db, id, ct) is not null;
    }

    private static string ReadResource(string name)
    {
        using var stream = typeof(ShippedDefinitions).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The shipped definition resource {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string Describe<T>(OperationResult<T> result) =>
        result.Message ?? string.Join("; ", (result.Errors ?? new Dictionary<string, string[]>()).Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));

    [LoggerMessage(Level = LogLevel.Information, Message = "Published the shipped workflow definition {DefinitionId} as version {Version}")]
    private partial void LogPublished(string definitionId, int version);
}
