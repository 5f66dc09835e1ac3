using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Butler.TimerBench;

/// <summary>The host's HTTP API as an administrator uses it.</summary>
internal sealed class ButlerApi : IDisposable
{
    private readonly HttpClient _http;

    private ButlerApi(HttpClient http) => _http = http;

    public static async Task<ButlerApi> SignInAsync(Uri address, string userName, string password)
    {
        var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        using var response = await http.PostAsJsonAsync("/api/auth/token", new { userName, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new ButlerApi(http);
    }

    /// <summary>Delay of the background instances: longer than any run, so their timers stay pending.</summary>
    public const int BackgroundDelaySeconds = 7200;

    /// <summary>Id of the definition Start → Delay(PT{seconds}S) → End.</summary>
    public static string DelayDefinitionId(int seconds) => "timer-bench-" + seconds.ToString(CultureInfo.InvariantCulture);

    /// <summary>Creates and publishes Start → Delay → End; the Delay makes exactly one timer and sends no mail.</summary>
    public async Task PublishDelayDefinitionAsync(int seconds)
    {
        var id = DelayDefinitionId(seconds);
        var definition = new JsonObject
        {
            ["id"] = id,
            ["name"] = $"Timer bench, {seconds.ToString(CultureInfo.InvariantCulture)} s",
            ["activities"] = new JsonArray(
                new JsonObject { ["id"] = "start", ["type"] = "Start" },
                new JsonObject { ["id"] = "wait", ["type"] = "Delay", ["inputs"] = new JsonObject { ["duration"] = $"PT{seconds.ToString(CultureInfo.InvariantCulture)}S" } },
                new JsonObject { ["id"] = "end", ["type"] = "End" }),
            ["connections"] = new JsonArray(
                new JsonObject { ["source"] = "start", ["outcome"] = "Done", ["target"] = "wait" },
                new JsonObject { ["source"] = "wait", ["outcome"] = "Done", ["target"] = "end" }),
        };
        using var body = new StringContent(definition.ToJsonString(), Encoding.UTF8, "application/json");
        using var created = await _http.PostAsync(new Uri("/api/workflow-definitions", UriKind.Relative), body);
        await ExpectAsync(created, HttpStatusCode.Created, $"create {id}");
        using var published = await _http.PostAsync(new Uri($"/api/workflow-definitions/{id}/publish", UriKind.Relative), null);
        await ExpectAsync(published, HttpStatusCode.OK, $"publish {id}");
    }

    public async Task StartInstanceAsync(string definitionId)
    {
        using var response = await _http.PostAsJsonAsync("/api/workflow-instances", new { definitionId });
        await ExpectAsync(response, HttpStatusCode.Created, $"start {definitionId}");
    }

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public void Dispose() => _http.Dispose();
}
