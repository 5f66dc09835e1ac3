using Butler.Host.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Butler.Host.Tests.Support;

/// <summary>Extra user accounts beside the demo ones, each with a unique name so tests sharing a host never collide.</summary>
public static class TestUsers
{
    /// <summary>Creates a user with the test password, an e-mail address and the given roles (none for a user without a role).</summary>
    public static async Task<string> CreateAsync(ButlerApp app, string prefix, params string[] roles)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
        var user = new ButlerUser { UserName = name, Email = $"{name}@butler.example", EmailConfirmed = true, DisplayName = name, Language = "en" };
        var created = await users.CreateAsync(user, ButlerApp.Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        foreach (var role in roles)
        {
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }
        return name;
    }
}
