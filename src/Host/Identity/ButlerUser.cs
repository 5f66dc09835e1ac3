using Microsoft.AspNetCore.Identity;

namespace Butler.Host.Identity;

/// <summary>A person signing in to Butler.</summary>
public sealed class ButlerUser : IdentityUser
{
    public string? DisplayName { get; set; }

    /// <summary>zh-CN or en; the language of the UI and of e-mails to this user.</summary>
    public string Language { get; set; } = "zh-CN";
}

/// <summary>The three roles of Butler and the policies built on them.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Leader = "Leader";
    public const string Squad = "Squad";

    public static readonly IReadOnlyList<string> All = [Admin, Leader, Squad];
}

public static class Policies
{
    /// <summary>Administrators only.</summary>
    public const string Admin = "Admin";

    /// <summary>Leaders and administrators: oversight across all projects.</summary>
    public const string LeaderOrAdmin = "LeaderOrAdmin";
}
