using Butler.Host.Cli;
using Butler.Host.Configuration;
using Butler.Host.Identity;
using Butler.Workflows.Definitions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Butler.Host.Demo;

public static partial class DemoSeeder
{
    public const string DefaultDemoPassword = "Butler-demo-2026";
    public const string DemoDefinitionId = "demo-onboarding";

    public static IServiceCollection AddButlerDemo(this IServiceCollection services) => services;

    /// <summary>In demo mode, on an empty user table: the three demo users and a published demo workflow.</summary>
    public static async Task SeedDemoAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ButlerOptions>>().Value;
        if (!options.Demo)
        {
            return;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await UserSetup.EnsureRolesAsync(services);
        var users = services.GetRequiredService<UserManager<ButlerUser>>();
        if (users.Users.Any())
        {
            return;
        }
        var password = string.IsNullOrEmpty(options.DemoPassword) ? DefaultDemoPassword : options.DemoPassword;
        foreach (var (name, role, display, language) in new[]
        {
            ("admin", Roles.Admin, "系统管理员", "zh-CN"),
            ("leader", Roles.Leader, "王区长", "zh-CN"),
            ("squad", Roles.Squad, "服务专班 李明", "zh-CN"),
        })
        {
            var user = new ButlerUser { UserName = name, Email = $"{name}@butler.example", EmailConfirmed = true, DisplayName = display, Language = language };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Demo user '{name}' could not be created: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            }
            await users.AddToRoleAsync(user, role);
        }

        var definitions = services.GetRequiredService<DefinitionService>();
        if (await definitions.GetAsync(DemoDefinitionId, null) is null)
        {
            var created = await definitions.CreateAsync(await ReadDemoDefinitionAsync(), "admin");
            if (!created.IsOk)
            {
                throw new InvalidOperationException($"The demo definition is invalid: {string.Join("; ", created.Errors?.SelectMany(e => e.Value) ?? [])}");
            }
            await definitions.PublishAsync(DemoDefinitionId, "admin");
        }
        if (options.DemoDistrict)
        {
            await DemoDistrict.SeedAsync(services, users, password);
        }
        LogSeeded(app.Logger, password == DefaultDemoPassword ? "the default demo password from README" : "Butler:DemoPassword");
    }

    private static async Task<string> ReadDemoDefinitionAsync()
    {
        await using var stream = typeof(DemoSeeder).Assembly.GetManifestResourceStream("Butler.Host.Demo.demo-onboarding.json")
            ?? throw new InvalidOperationException("The demo definition resource is missing.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo mode: seeded users admin, leader and squad with {PasswordSource}. Never use demo mode in production.")]
    private static partial void LogSeeded(ILogger logger, string passwordSource);
}
