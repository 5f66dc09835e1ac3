using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Butler.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Butler.Host.Tests.Api.Auth;

public sealed class AuthTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task A_token_carries_the_users_roles_and_expiry()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = "leader", password = ButlerApp.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(8 * 3600, body!["expiresIn"]!.GetValue<int>());
        var payload = body["accessToken"]!.GetValue<string>().Split('.')[1];
        var json = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=').Replace('-', '+').Replace('_', '/')));
        Assert.Contains("\"role\":\"Leader\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_fields_are_400_and_wrong_passwords_401()
    {
        var client = app.CreateClient();
        var missing = await client.PostAsJsonAsync("/api/auth/token", new { userName = "" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var errors = (await missing.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Contains("userName", errors.Select(e => e.Key));
        Assert.Contains("password", errors.Select(e => e.Key));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/token", new { userName = "squad", password = "wrong-password" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/token", new { userName = "nobody", password = "whatever1" })).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await using var isolated = new SqliteApp();
        var client = isolated.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/token", new { userName = "admin", password = $"wrong-{i}-password" })).StatusCode);
        }
        var locked = await client.PostAsJsonAsync("/api/auth/token", new { userName = "admin", password = ButlerApp.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        // The refusal of a wrong password and of an unknown name: it does not tell that the account exists (SignInLockoutTests).
        Assert.Equal("Sign-in failed", (await locked.Content.ReadFromJsonAsync<JsonObject>())!["title"]!.GetValue<string>());
    }
}

public sealed class OpenApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task The_openapi_document_describes_every_api_route_and_the_bearer_scheme()
    {
        var document = await app.CreateClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var paths = document!["paths"]!.AsObject().Select(p => p.Key).ToList();
        foreach (var expected in new[] { "/api/auth/token", "/api/activity-descriptors", "/api/workflow-definitions", "/api/workflow-definitions/{id}",
                     "/api/workflow-definitions/{id}/publish", "/api/workflow-definitions/validate", "/api/workflow-instances",
                     "/api/workflow-instances/{id}", "/api/workflow-instances/{id}/cancel", "/api/workflow-instances/{id}/signals/{name}",
                     "/api/tasks", "/api/tasks/{id}/complete", "/health" })
        {
            Assert.Contains(expected, paths);
        }
        Assert.NotNull(document["components"]!["securitySchemes"]!["Bearer"]);

        // Every API route the host maps is described, so the document cannot fall behind the endpoints.
        var mapped = app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Select(e => "/" + System.Text.RegularExpressions.Regex.Replace(e.RoutePattern.RawText!.Trim('/'), @"\{(\w+):[^}]+\}", "{$1}"))
            .Where(p => p.StartsWith("/api/", StringComparison.Ordinal))
            .Distinct().ToList();
        Assert.True(mapped.Count > 40, $"only {mapped.Count} API routes found");
        var undescribed = mapped.Where(p => !paths.Contains(p.TrimEnd('/'))).ToList();
        Assert.True(undescribed.Count == 0, "Not in the OpenAPI document: " + string.Join(", ", undescribed));
    }

    [Fact]
    public async Task The_browsable_api_page_is_served()
    {
        var response = await app.CreateClient().GetAsync("/api-docs/v1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
    }
}
