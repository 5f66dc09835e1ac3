using Butler.Host.Configuration;
using Butler.Host.Identity;
using Microsoft.AspNetCore.Identity;

namespace Butler.Host.Cli;

/// <summary>Command-line verbs: <c>migrate</c> and <c>create-admin &lt;userName&gt;</c>.</summary>
public static class CommandLine
{
    /// <summary>Runs a verb if the first argument names one; returns false to start the web host.</summary>
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return false;
        }
        switch (args[0])
        {
            case "migrate":
                await app.Services.MigrateButlerDatabaseAsync();
                await Console.Out.WriteLineAsync("Database is up to date.");
                return true;
            case "create-admin":
                Environment.ExitCode = await CreateAdminAsync(app.Services, args.Length > 1 ? args[1] : null);
                return true;
            default:
                if (args[0].Contains('=', StringComparison.Ordinal))
                {
                    return false; // a configuration override such as Butler:Demo=true
                }
                await Console.Error.WriteLineAsync($"Unknown command '{args[0]}'. Commands: migrate, create-admin <userName>.");
                Environment.ExitCode = 2;
                return true;
        }
    }

    private static async Task<int> CreateAdminAsync(IServiceProvider services, string? userName)
    {
        if (string.IsNullOrWhiteSpace(userName))
        {
            await Console.Error.WriteLineAsync("Usage: create-admin <userName>   (the password is read from standard input)");
            return 2;
        }
        await services.MigrateButlerDatabaseAsync();
        if (!Console.IsInputRedirected)
        {
            await Console.Out.WriteAsync($"Password for {userName}: ");
        }
        var password = (await Console.In.ReadLineAsync())?.TrimEnd('\r', '\n');
        if (string.IsNullOrEmpty(password))
        {
            await Console.Error.WriteLineAsync("No password was given on standard input.");
            return 2;
        }
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
        await UserSetup.EnsureRolesAsync(scope.ServiceProvider);
        if (await users.FindByNameAsync(userName) is not null)
        {
            await Console.Error.WriteLineAsync($"A user named '{userName}' already exists.");
            return 1;
        }
        var user = new ButlerUser { UserName = userName, DisplayName = userName, EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, created.Errors.Select(e => e.Description)));
            return 1;
        }
        await users.AddToRoleAsync(user, Roles.Admin);
        await Console.Out.WriteLineAsync($"Created administrator '{userName}'.");
        return 0;
    }
}

/// <summary>Role and user creation shared by the CLI and demo seeding.</summary>
public static class UserSetup
{
    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }
}
