using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Butler.Workflows.Activities;
using Butler.Workflows.Calendar;
using Butler.Workflows.Definitions;

namespace Butler.Designer.Api;

/// <summary>A page of a list the API returns.</summary>
public sealed record PagedResult<T>(List<T> Items, int Total, int Page, int PageSize);

/// <summary>A stored definition version as the API returns it: the definition plus its publish state.</summary>
public sealed record DefinitionVersionDto(
    string Id, int Version, LocalizedText Name, LocalizedText? Description,
    List<VariableModel> Variables, List<ActivityModel> Activities, List<ConnectionModel> Connections,
    bool IsPublished, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt,
    List<DefinitionProblem>? Problems = null, int Revision = 0)
{
    /// <summary>The If-Match value that saves over exactly this version, and refuses if someone saved meanwhile.</summary>
    public string ETag => $"\"{Version}.{Revision}\"";

    /// <summary>The definition itself, as the designer edits it and the API takes it back.</summary>
    public WorkflowDefinitionModel ToModel() => new()
    {
        Id = Id,
        Version = Version,
        Name = Name,
        Description = Description,
        Variables = Variables,
        Activities = Activities,
        Connections = Connections,
    };
}

/// <summary>The validator's verdict on a definition.</summary>
public sealed record ValidationDto(bool Valid, List<DefinitionProblem> Problems);

/// <summary>
/// The designer's only way to the engine: the same HTTP API every other client uses, with the signed-in person's bearer
/// token, so the API's rules (roles, validation, versioning) hold for the designer too. One partial file per area.
/// </summary>
public sealed partial class DesignerApi(HttpClient http, IDesignerCredentials credentials)
{
    private static readonly JsonSerializerOptions Json = DefinitionJson.Options;

    public Task<ApiResult<List<ActivityDescriptor>>> DescriptorsAsync(CancellationToken ct = default) =>
        SendAsync<List<ActivityDescriptor>>(HttpMethod.Get, "api/activity-descriptors", null, ct);

    public Task<ApiResult<PagedResult<DefinitionSummary>>> ListAsync(string? search, int page = 1, int pageSize = 50, CancellationToken ct = default) =>
        SendAsync<PagedResult<DefinitionSummary>>(HttpMethod.Get,
            $"api/workflow-definitions?page={page}&pageSize={pageSize}{(string.IsNullOrWhiteSpace(search) ? "" : "&search=" + Uri.EscapeDataString(search))}", null, ct);

    public Task<ApiResult<DefinitionVersionDto>> GetAsync(string id, int? version = null, CancellationToken ct = default) =>
        SendAsync<DefinitionVersionDto>(HttpMethod.Get,
            $"api/workflow-definitions/{Uri.EscapeDataString(id)}{(version is { } v ? $"?version={v}" : "")}", null, ct);

    public Task<ApiResult<DefinitionVersionDto>> CreateAsync(WorkflowDefinitionModel model, CancellationToken ct = default) =>
        SendAsync<DefinitionVersionDto>(HttpMethod.Post, "api/workflow-definitions", JsonContent.Create(model, options: Json), ct);

    /// <param name="ifMatch">The <see cref="DefinitionVersionDto.ETag"/> of the version the edit started from, if any.</param>
    public Task<ApiResult<DefinitionVersionDto>> SaveDraftAsync(string id, WorkflowDefinitionModel model, string? ifMatch = null, CancellationToken ct = default) =>
        SendAsync<DefinitionVersionDto>(HttpMethod.Put, $"api/workflow-definitions/{Uri.EscapeDataString(id)}", JsonContent.Create(model, options: Json), ct,
            ifMatch is null ? null : request => request.Headers.TryAddWithoutValidation("If-Match", ifMatch));

    public Task<ApiResult<DefinitionVersionDto>> PublishAsync(string id, CancellationToken ct = default) =>
        SendAsync<DefinitionVersionDto>(HttpMethod.Post, $"api/workflow-definitions/{Uri.EscapeDataString(id)}/publish", null, ct);

    public Task<ApiResult<ValidationDto>> ValidateAsync(WorkflowDefinitionModel model, CancellationToken ct = default) =>
        SendAsync<ValidationDto>(HttpMethod.Post, "api/workflow-definitions/validate", JsonContent.Create(model, options: Json), ct);

    /// <summary>When <paramref name="duration"/> (3wd, -1wd, PT4H) from <paramref name="from"/> falls due on a working-day calendar.</summary>
    public Task<ApiResult<DueResult>> DueAsync(string calendarId, DateTimeOffset from, string duration, CancellationToken ct = default) =>
        SendAsync<DueResult>(HttpMethod.Get,
            $"api/calendars/{Uri.EscapeDataString(calendarId)}/due?from={Uri.EscapeDataString(from.ToString("O"))}&duration={Uri.EscapeDataString(duration)}", null, ct);

    /// <summary>Sends one request with the user's token and reads the answer or its problem details; never throws for HTTP or network errors.</summary>
    internal async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken ct,
        Action<HttpRequestMessage>? prepare = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        prepare?.Invoke(request);
        if (await credentials.GetTokenAsync(ct) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        try
        {
            using var response = await http.SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                if (typeof(T) == typeof(string))
                {
                    return ApiResult<T>.Success((T)(object)await response.Content.ReadAsStringAsync(ct), response.StatusCode);
                }
                var value = response.StatusCode == HttpStatusCode.NoContent ? default : await response.Content.ReadFromJsonAsync<T>(Json, ct);
                return ApiResult<T>.Success(value!, response.StatusCode);
            }
            return await ReadProblemAsync<T>(response, ct);
        }
        catch (HttpRequestException ex)
        {
            return ApiResult<T>.Failure(HttpStatusCode.ServiceUnavailable, $"{DesignerText.Unreachable} ({ex.Message})");
        }
        catch (JsonException ex)
        {
            return ApiResult<T>.Failure(HttpStatusCode.BadGateway, ex.Message);
        }
    }

    private static async Task<ApiResult<T>> ReadProblemAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        string? detail = null;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        try
        {
            if (JsonNode.Parse(await response.Content.ReadAsStringAsync(ct)) is JsonObject problem)
            {
                detail = (string?)problem["detail"] ?? (string?)problem["title"];
                if (problem["errors"] is JsonObject fields)
                {
                    foreach (var (field, messages) in fields)
                    {
                        errors[field] = messages is JsonArray list ? list.Select(m => (string?)m ?? "").ToArray() : [messages?.ToString() ?? ""];
                    }
                    if (errors.Count > 0 && detail is "One or more validation errors occurred.")
                    {
                        detail = null;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not a problem-details body; the status alone says what happened.
        }
        return ApiResult<T>.Failure(response.StatusCode, detail ?? $"{(int)response.StatusCode} {response.ReasonPhrase}", errors);
    }
}
