using System.Net.Http.Json;

namespace Butler.Designer.Api;

/// <summary>An account as the user list returns it; the designer needs only who it is.</summary>
public sealed record UserSummary(string UserName, string? DisplayName, string? Email, IReadOnlyList<string> Roles);

/// <summary>A team as the team list returns it; tasks assigned to its <see cref="RoleName"/> (<c>team:{id}</c>) reach its people.</summary>
public sealed record TeamSummary(Guid Id, string Name, string Kind, string RoleName);

/// <summary>The answer of the expression syntax check.</summary>
public sealed record ExpressionCheck(bool Valid, string? Error);

public sealed partial class DesignerApi
{
    /// <summary>
    /// The account roles a <c>{"role": …}</c> assignee may name besides teams (the host's <c>Roles.All</c>; a host test keeps
    /// the two equal). The user directory resolves any Identity role name to its members and <c>team:{id}</c> to a team.
    /// </summary>
    public static readonly IReadOnlyList<string> AccountRoles = ["Admin", "Leader", "Squad"];

    /// <summary>Accounts whose user name, display name or e-mail contains <paramref name="search"/> (Admin only on the server).</summary>
    public Task<ApiResult<PagedResult<UserSummary>>> UsersAsync(string? search, int pageSize = 20, CancellationToken ct = default) =>
        SendAsync<PagedResult<UserSummary>>(HttpMethod.Get,
            $"api/users?page=1&pageSize={pageSize}{(string.IsNullOrWhiteSpace(search) ? "" : "&search=" + Uri.EscapeDataString(search.Trim()))}", null, ct);

    /// <summary>Every team (up to the API's largest page), by name.</summary>
    public Task<ApiResult<PagedResult<TeamSummary>>> TeamsAsync(CancellationToken ct = default) =>
        SendAsync<PagedResult<TeamSummary>>(HttpMethod.Get, "api/teams?page=1&pageSize=200", null, ct);

    /// <summary>Whether an expression parses as the engine reads it; the server never runs it.</summary>
    public Task<ApiResult<ExpressionCheck>> CheckExpressionAsync(string expression, CancellationToken ct = default) =>
        SendAsync<ExpressionCheck>(HttpMethod.Post, "api/expressions/check", JsonContent.Create(new { expression }, options: Json), ct);
}
