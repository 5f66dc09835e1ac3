using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Butler.Workflows.Definitions;
using Butler.Workflows.Sandbox;

namespace Butler.Designer.Api;

/// <summary>A test run of the canvas as it is (unsaved) with sample initial variables.</summary>
public sealed record SandboxStartRequest(WorkflowDefinitionModel Definition, JsonObject Input);

/// <summary>Completes a test run's task with an outcome and its form values.</summary>
public sealed record SandboxCompleteRequest(string Outcome, JsonObject? Fields, string? Comment);

/// <summary>Decides a test run's approval; Extend needs a new due time, Reassign a user name.</summary>
public sealed record SandboxDecideRequest(string Outcome, string? Comment, DateTimeOffset? NewDue, string? ReassignTo);

/// <summary>The test run (sandbox) endpoints: a private engine per run, no mail sent, nothing stored for real.</summary>
public sealed partial class DesignerApi
{
    public Task<ApiResult<SandboxState>> SandboxStartAsync(WorkflowDefinitionModel definition, JsonObject input, CancellationToken ct = default) =>
        SendAsync<SandboxState>(HttpMethod.Post, "api/sandbox", JsonContent.Create(new SandboxStartRequest(definition, input), options: Json), ct);

    public Task<ApiResult<SandboxState>> SandboxGetAsync(Guid id, CancellationToken ct = default) =>
        SendAsync<SandboxState>(HttpMethod.Get, $"api/sandbox/{id}", null, ct);

    public Task<ApiResult<SandboxState>> SandboxCompleteAsync(Guid id, Guid taskId, SandboxCompleteRequest request, CancellationToken ct = default) =>
        SendAsync<SandboxState>(HttpMethod.Post, $"api/sandbox/{id}/tasks/{taskId}/complete", JsonContent.Create(request, options: Json), ct);

    public Task<ApiResult<SandboxState>> SandboxDecideAsync(Guid id, Guid approvalId, SandboxDecideRequest request, CancellationToken ct = default) =>
        SendAsync<SandboxState>(HttpMethod.Post, $"api/sandbox/{id}/approvals/{approvalId}/decide", JsonContent.Create(request, options: Json), ct);

    public Task<ApiResult<SandboxState>> SandboxFireAsync(Guid id, Guid timerId, CancellationToken ct = default) =>
        SendAsync<SandboxState>(HttpMethod.Post, $"api/sandbox/{id}/timers/{timerId}/fire", null, ct);

    /// <summary>Stops a test run; a run already gone (expired, stopped) answers 404, which the caller may ignore.</summary>
    public Task<ApiResult<JsonObject>> SandboxStopAsync(Guid id, CancellationToken ct = default) =>
        SendAsync<JsonObject>(HttpMethod.Delete, $"api/sandbox/{id}", null, ct);
}
