using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Butler.Host.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Butler.Host.Tests.Api;

/// <summary>
/// A request the host cannot read is the caller's mistake: a 4xx whose body speaks of the request (never of .NET
/// types or handler parameters), and nothing logged as an error. Every JSON endpoint is found from the endpoints the
/// host maps, so a new one is covered without being listed.
/// </summary>
public sealed partial class BadRequestTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private sealed record BodyEndpoint(string Method, string Route, Type BodyType, bool Optional);

    private List<BodyEndpoint> JsonEndpoints() =>
        [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Accepts: e.Metadata.GetMetadata<IAcceptsMetadata>(), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []))
            .Where(x => x.Accepts is { RequestType: not null } accepts && accepts.ContentTypes.Any(t => t.Contains("json", StringComparison.Ordinal))
                && x.Methods.Any(m => m is "POST" or "PUT"))
            .Select(x => new BodyEndpoint(x.Methods.First(m => m is "POST" or "PUT"), "/" + x.Endpoint.RoutePattern.RawText!.Trim('/'),
                x.Accepts!.RequestType!, x.Accepts.IsOptional))];

    /// <summary>The validator's answer is a list of problems, malformed JSON among them; every other endpoint refuses.</summary>
    private static bool ReportsProblems(BodyEndpoint endpoint) => endpoint.Route.EndsWith("/validate", StringComparison.Ordinal);

    /// <summary>Words a client author should never have to read in an error body.</summary>
    [GeneratedRegex(@"System\.|Microsoft\.|Butler\.|`\d|Nullable|Int32|Int64|Decimal\b|JsonElement|JsonNode|JsonObject|[Pp]arameter|Implicit body|Did you mean|LineNumber|BytePositionInLine")]
    private static partial Regex Jargon();

    private static IEnumerable<(string Label, string ContentType, string Body)> BadBodies(BodyEndpoint endpoint)
    {
        yield return ("empty", "application/json", "");
        yield return ("malformed", "application/json", """{ "outcome": """);
        yield return ("an array", "application/json", "[1, 2]");
        yield return ("a string", "application/json", "\"text\"");
        yield return ("not JSON", "text/plain", "hello");
        foreach (var property in endpoint.BodyType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite || p.GetMethod!.IsPublic))
        {
            if (WrongValue(property.PropertyType) is { } wrong)
            {
                yield return ($"{property.Name} of the wrong kind", "application/json", $"{{ \"{char.ToLowerInvariant(property.Name[0])}{property.Name[1..]}\": {wrong} }}");
            }
        }
    }

    /// <summary>A JSON value that cannot be read as the given type; null for a property that takes any JSON.</summary>
    private static string? WrongValue(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(JsonNode) || type == typeof(object) || type == typeof(System.Text.Json.JsonElement))
        {
            return null;
        }
        if (type == typeof(string))
        {
            return "5";
        }
        if (type.IsEnum)
        {
            return "\"no-such-value\"";
        }
        return type.IsPrimitive || type == typeof(decimal) || type == typeof(Guid) || type == typeof(DateOnly) || type == typeof(DateTimeOffset)
            || (type != typeof(JsonObject) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
            ? "\"not-a-value\""
            : "5";
    }

    [Fact]
    public async Task Every_JSON_endpoint_answers_an_empty_malformed_or_wrongly_typed_body_with_a_4xx_in_the_words_of_the_request()
    {
        var endpoints = JsonEndpoints();
        Assert.True(endpoints.Count >= 35, $"Only {endpoints.Count} endpoints take a JSON body.");
        var admin = await app.ClientForAsync("admin");
        var mark = app.Logs.Mark();
        var failures = new List<string>();

        foreach (var endpoint in endpoints)
        {
            foreach (var (label, contentType, body) in BadBodies(endpoint))
            {
                using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), Concrete(endpoint.Route))
                {
                    Content = new StringContent(body, Encoding.UTF8, contentType),
                };
                if (body.Length == 0)
                {
                    request.Content = new ByteArrayContent([]);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
                }
                using var response = await admin.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                var may = label == "empty" && endpoint.Optional
                    // An optional body left out is a request like any other.
                    ? status is >= 200 and < 500
                    : ReportsProblems(endpoint) && status == 200 ? text.Contains("\"valid\":false", StringComparison.Ordinal)
                    : label == "not JSON" ? status is 400 or 415
                    : status == 400;
                if (!may)
                {
                    failures.Add($"{endpoint.Method} {endpoint.Route} with {label}: {status} {text}");
                }
                else if (Jargon().Match(text) is { Success: true } jargon)
                {
                    failures.Add($"{endpoint.Method} {endpoint.Route} with {label}: says '{jargon.Value}' in {text}");
                }
                else if (label.EndsWith("of the wrong kind", StringComparison.Ordinal) && status == 400 && !ReportsProblems(endpoint)
                    && !text.Contains($"$.{char.ToLowerInvariant(label[0])}{label[1..label.IndexOf(' ', StringComparison.Ordinal)]}", StringComparison.Ordinal))
                {
                    failures.Add($"{endpoint.Method} {endpoint.Route} with {label}: does not name the field in {text}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Empty(app.Logs.ErrorsSince(mark));
    }

    [Theory]
    [InlineData("", "$", "request.bodyMissing", "The request body is missing", "缺少请求内容")]
    [InlineData("{ \"source\": ", "$", "request.malformed", "malformed JSON (line 1, position 13)", "不是格式正确的 JSON（第 1 行，第 13 个字符）")]
    [InlineData("{ \"intendedInvestment\": \"lots\" }", "$.intendedInvestment", "request.kind", "'$.intendedInvestment' must be a number.", "应为数字。")]
    [InlineData("{ \"receivedOn\": 20260101 }", "$.receivedOn", "request.kind", "'$.receivedOn' must be a date written yyyy-MM-dd.", "应为日期，写法如 2026-03-01。")]
    [InlineData("[]", "$", "request.kind", "must be an object", "应为对象。")]
    public async Task A_bad_body_is_explained_in_the_words_of_the_request_and_the_callers_language(string body, string field, string code, string english, string chinese)
    {
        var squad = await app.ClientForAsync("squad");

        foreach (var (language, says) in new[] { ("en", english), ("zh-CN", chinese) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/leads") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.AcceptLanguage.ParseAdd(language);
            using var response = await squad.SendAsync(request);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal(code, problem["fields"]![field]!["code"]!.GetValue<string>());
            var message = Assert.Single(problem["errors"]![field]!.AsArray())!.GetValue<string>();
            Assert.True(message.Contains(says, StringComparison.Ordinal), message);
        }
    }

    [Fact]
    public async Task A_query_value_of_the_wrong_kind_says_what_it_must_be()
    {
        var admin = await app.ClientForAsync("admin");
        var mark = app.Logs.Mark();

        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        using var page = await admin.GetAsync("/api/tasks?page=abc");
        using var status = await admin.GetAsync("/api/workflow-instances?status=sleeping");
        using var leader = await admin.GetAsync("/api/projects?leaderId=x");
        admin.DefaultRequestHeaders.AcceptLanguage.Clear();

        var errors = (await page.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal("'page' must be a whole number.", errors["page"]![0]!.GetValue<string>());
        Assert.Contains("one of running", (await status.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["status"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("GUID", (await leader.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["leaderId"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(app.Logs.ErrorsSince(mark));
    }

    private async Task<Guid> OpenTaskAsync()
    {
        var leader = await app.ClientForAsync("leader");
        var started = await leader.PostAsJsonAsync("/api/workflow-instances", new { definitionId = "demo-onboarding", input = new { company = $"Upload-{Guid.NewGuid():N}" } });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var instance = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var tasks = await (await app.ClientForAsync("admin")).GetFromJsonAsync<JsonObject>("/api/tasks?scope=all&pageSize=200");
        return tasks!["items"]!.AsArray().First(t => t!["instanceId"]!.GetValue<Guid>() == instance)!["id"]!.GetValue<Guid>();
    }

    /// <summary>The start of a multipart upload whose closing boundary never comes.</summary>
    private static byte[] TruncatedMultipart(string boundary) => Encoding.ASCII.GetBytes(
        $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"report.txt\"\r\nContent-Type: text/plain\r\n\r\nthe first half of the file");

    [Fact]
    public async Task An_upload_whose_body_ends_early_is_a_400_and_no_error()
    {
        var task = await OpenTaskAsync();
        var admin = await app.ClientForAsync("admin");
        var mark = app.Logs.Mark();

        using var content = new StreamContent(new MemoryStream(TruncatedMultipart("cut-here")));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=cut-here");
        using var response = await admin.PostAsync($"/api/tasks/{task}/attachments", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"file\"", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(Jargon(), text);
        Assert.Empty(app.Logs.ErrorsSince(mark));
        Assert.Empty((await admin.GetFromJsonAsync<JsonArray>($"/api/tasks/{task}/attachments"))!);
    }

    private static string Concrete(string route) => route
        .Replace("{id:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{problemId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{taskId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{approvalId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{timerId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{userName}", "no-such-user", StringComparison.Ordinal)
        .Replace("{id}", "no-such-id", StringComparison.Ordinal)
        .Replace("{name}", "someSignal", StringComparison.Ordinal);
}

/// <summary>The host on a real socket, for requests a test server cannot send: a body that stops before its Content-Length.</summary>
public sealed class KestrelApp : ButlerApp
{
    public KestrelApp()
        : base(Butler.Workflows.Persistence.DatabaseProvider.Sqlite, null)
    {
        UseKestrel(0);
        // "Request finished" tells a test the host is done with a request it never answered.
        With("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Information");
    }

    /// <summary>The address the host listens on.</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }
    }
}

[Collection(HostsStartedAlone.Name)]
public sealed class TruncatedUploadTests(KestrelApp app) : IClassFixture<KestrelApp>
{
    [Fact]
    public async Task An_upload_cut_off_on_the_wire_stores_nothing_and_logs_no_error()
    {
        var address = app.Address;
        var client = new HttpClient { BaseAddress = address };
        var token = (await (await client.PostAsJsonAsync("/api/auth/token", new { userName = "leader", password = ButlerApp.Password })).Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var started = await client.PostAsJsonAsync("/api/workflow-instances", new { definitionId = "demo-onboarding", input = new { company = "Cut-off upload" } });
        var instance = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var tasks = await client.GetFromJsonAsync<JsonObject>("/api/tasks?scope=all&pageSize=200");
        var task = tasks!["items"]!.AsArray().First(t => t!["instanceId"]!.GetValue<Guid>() == instance)!["id"]!.GetValue<Guid>();
        var mark = app.Logs.Mark();

        var part = Encoding.ASCII.GetBytes("--cut\r\nContent-Disposition: form-data; name=\"file\"; filename=\"report.txt\"\r\nContent-Type: text/plain\r\n\r\nthe first half");
        var head = Encoding.ASCII.GetBytes(
            $"POST /api/tasks/{task}/attachments HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Bearer {token}\r\n" +
            $"Content-Type: multipart/form-data; boundary=cut\r\nContent-Length: {part.Length + 5000}\r\n\r\n");
        using var socket = new TcpClient();
        await socket.ConnectAsync(address.Host, address.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(head);
        await stream.WriteAsync(part);
        await stream.FlushAsync();
        socket.Client.Shutdown(SocketShutdown.Send);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        string? statusLine;
        try
        {
            statusLine = await reader.ReadLineAsync();
        }
        catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
        {
            // Kestrel may end the connection with a reset rather than a close: no answer either way.
            statusLine = null;
        }

        // Kestrel ends a connection whose client stopped sending; if it answers before that, the answer is a 400.
        Assert.True(statusLine is null || statusLine.StartsWith("HTTP/1.1 400", StringComparison.Ordinal), statusLine);
        await Eventually.TrueAsync(() => Task.FromResult(app.Logs.Since(mark).Any(e =>
            e.Message.StartsWith("Request finished", StringComparison.Ordinal) && e.Message.Contains("/attachments", StringComparison.Ordinal))), TimeSpan.FromSeconds(30));
        Assert.Empty((await client.GetFromJsonAsync<JsonArray>($"/api/tasks/{task}/attachments"))!);
        Assert.Empty(app.Logs.ErrorsSince(mark));
    }
}
