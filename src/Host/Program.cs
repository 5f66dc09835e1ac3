using Butler.Host.Api.Activities;
using Butler.Host.Api.Approvals;
using Butler.Host.Api.ApprovalSheets;
using Butler.Host.Api.Auth;
using Butler.Host.Api.Copies;
using Butler.Host.Api.Calendars;
using Butler.Host.Api.Definitions;
using Butler.Host.Api.Dispatches;
using Butler.Host.Api.Expressions;
using Butler.Host.Api.Idempotency;
using Butler.Host.Api.Instances;
using Butler.Host.Api.Leads;
using Butler.Host.Api.Me;
using Butler.Host.Api.Metrics;
using Butler.Host.Api.Notifications;
using Butler.Host.Api.Projects;
using Butler.Host.Api.Proxies;
using Butler.Host.Api.Sandbox;
using Butler.Host.Api.Organisation;
using Butler.Host.Api.Tasks;
using Butler.Host.Api.Users;
using Butler.Host.Cli;
using Butler.Host.Components;
using Butler.Host.Configuration;
using Butler.Host.Demo;
using Butler.Host.Identity;
using Butler.Host.Notifications;
using Butler.Workflows;
using Butler.Workflows.Sandbox;

var builder = WebApplication.CreateBuilder(args);

builder.AddButlerPersistence();
builder.Services.AddWorkflows();
builder.Services.AddWorkflowSandbox();
builder.AddButlerNotifications();
builder.AddButlerOptions();
builder.AddButlerScheduling();
builder.AddButlerDecisionLinks();
builder.AddButlerAuth();
builder.AddButlerOrganisation();
builder.AddButlerApi();
builder.AddButlerWebApp();
builder.Services.AddButlerDemo();

var app = builder.Build();

if (await CommandLine.TryRunAsync(app, args))
{
    return;
}

await app.Services.MigrateButlerDatabaseAsync();
await app.SeedDemoAsync();
app.UseButlerScheduling();
await app.RehydrateTimersAsync();

app.UseButlerPageHeaders();
app.UseButlerErrorHandling();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseButlerWebApp();
app.UseButlerInputGuard();
app.UseIdempotencyKeys();

app.MapButlerOpenApi();
app.MapHealthEndpoints();
app.MapAuthEndpoints();
app.MapActivityDescriptorEndpoints();
app.MapDefinitionEndpoints();
app.MapSandboxEndpoints();
app.MapInstanceEndpoints();
app.MapSheetEndpoints();
app.MapTaskEndpoints();
app.MapCopyEndpoints();
app.MapNotificationEndpoints();
app.MapCalendarEndpoints();
app.MapApprovalEndpoints();
app.MapDecisionLinkEndpoints();
app.MapOrganisationEndpoints();
app.MapLeadEndpoints();
app.MapDispatchEndpoints();
app.MapProjectEndpoints();
app.MapMetricsEndpoints();
app.MapMeEndpoints();
app.MapUserEndpoints();
app.MapProxyEndpoints();
app.MapExpressionEndpoints();
app.MapButlerHangfireDashboard();
app.MapButlerWebApp();

await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
