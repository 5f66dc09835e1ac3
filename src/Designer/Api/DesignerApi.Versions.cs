using System.Net.Http.Json;
using System.Text;
using Butler.Workflows.Definitions;

namespace Butler.Designer.Api;

/// <summary>One version of a definition as the history lists it, with how many instances run on it.</summary>
public sealed record DefinitionVersionInfoDto(
    int Version, Butler.Workflows.Activities.LocalizedText Name, bool IsPublished,
    DateTimeOffset CreatedAt, string? CreatedBy, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt, string? PublishedBy,
    int RunningInstances, int TotalInstances);

/// <summary>The body of a revert: the version whose content becomes the new draft.</summary>
public sealed record RevertRequestDto(int Version);

/// <summary>Version management: history, discarding a draft, revert, diff, export and import.</summary>
public sealed partial class DesignerApi
{
    private static string DefinitionPath(string id) => $"api/workflow-definitions/{Uri.EscapeDataString(id)}";

    /// <summary>The address of a version's definition file; a browser may fetch it with the sign-in cookie.</summary>
    public static string ExportPath(string id, int? version = null) =>
        $"{DefinitionPath(id)}/export{(version is { } v ? $"?version={v}" : "")}";

    /// <summary>Every version of a definition, newest first.</summary>
    public Task<ApiResult<List<DefinitionVersionInfoDto>>> VersionsAsync(string id, CancellationToken ct = default) =>
        SendAsync<List<DefinitionVersionInfoDto>>(HttpMethod.Get, $"{DefinitionPath(id)}/versions", null, ct);

    /// <summary>Discards the draft; 409 when there is none. Discarding draft version 1 removes the definition.</summary>
    public Task<ApiResult<object>> DeleteDraftAsync(string id, CancellationToken ct = default) =>
        SendAsync<object>(HttpMethod.Delete, $"{DefinitionPath(id)}/draft", null, ct);

    /// <summary>Saves a new draft with the content of <paramref name="version"/>.</summary>
    public Task<ApiResult<DefinitionVersionDto>> RevertAsync(string id, int version, CancellationToken ct = default) =>
        SendAsync<DefinitionVersionDto>(HttpMethod.Post, $"{DefinitionPath(id)}/revert", JsonContent.Create(new RevertRequestDto(version), options: Json), ct);

    /// <summary>What changed from version <paramref name="from"/> to version <paramref name="to"/>.</summary>
    public Task<ApiResult<DefinitionDiff>> DiffAsync(string id, int from, int to, CancellationToken ct = default) =>
        SendAsync<DefinitionDiff>(HttpMethod.Get, $"{DefinitionPath(id)}/diff?from={from}&to={to}", null, ct);

    /// <summary>A version as a definition file (JSON text without version or publish state).</summary>
    public Task<ApiResult<string>> ExportAsync(string id, int? version = null, CancellationToken ct = default) =>
        SendAsync<string>(HttpMethod.Get, ExportPath(id, version), null, ct);

    /// <summary>Imports a definition file: 201 when it created the definition, 200 when it saved the next draft.</summary>
    public Task<ApiResult<DefinitionVersionDto>> ImportAsync(string json, CancellationToken ct = default) =>
        SendAsync<DefinitionVersionDto>(HttpMethod.Post, "api/workflow-definitions/import", new StringContent(json, Encoding.UTF8, "application/json"), ct);
}
