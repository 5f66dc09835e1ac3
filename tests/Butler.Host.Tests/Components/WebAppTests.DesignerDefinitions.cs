using System.Net;
using Butler.Designer;
using Butler.Host.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Butler.Host.Tests.Components;

/// <summary>The designer's definition list and version history render for an administrator, with the hooks the browser tests use.</summary>
public sealed partial class WebAppTests
{
    [Fact]
    public async Task The_designer_list_and_version_history_render_for_an_administrator()
    {
        var id = "page-" + Guid.NewGuid().ToString("N")[..8];
        var admin = await app.ClientForAsync("admin");
        using var created = await admin.PostAsync("/api/workflow-definitions", new StringContent(Definitions.WaitForSignal(id), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        // The designer calls the API over HTTP; under the test server that is the in-memory server itself.
        using var withApi = app.WithWebHostBuilder(b => b
            .UseSetting("Butler:Designer:ApiBaseAddress", "http://localhost/")
            .ConfigureTestServices(s => s.AddHttpClient(DesignerServiceCollectionExtensions.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(sp => ((TestServer)sp.GetRequiredService<IServer>()).CreateHandler())));
        var browser = withApi.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        (await SignInAsync(browser, "admin", ButlerApp.Password, null)).Dispose();

        using var list = await browser.GetAsync("/designer");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var html = await list.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"designer-create\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"designer-search\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"open-{id}\"", html, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"delete-draft-{id}\"", html, StringComparison.Ordinal);

        using var history = await browser.GetAsync($"/designer/{id}/versions");
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        var historyHtml = await history.Content.ReadAsStringAsync();
        Assert.Contains("版本历史", historyHtml, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"select-v1\"", historyHtml, StringComparison.Ordinal);
        Assert.Contains("运行中 0 / 共 0", historyHtml, StringComparison.Ordinal);

        // The export link is a plain download the browser fetches with the sign-in cookie.
        using var export = await browser.GetAsync($"/api/workflow-definitions/{id}/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition!.DispositionType);
    }
}
