using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Security.Cryptography;
using Butler.Host.Configuration;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Butler.Host.Identity;

public static class AuthExtensions
{
    /// <summary>Identity with the three roles, bearer tokens for the API, and the role policies.</summary>
    public static WebApplicationBuilder AddButlerAuth(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ButlerOptions>(builder.Configuration.GetSection(ButlerOptions.Section));
        builder.Services
            .AddIdentityCore<ButlerUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.User.RequireUniqueEmail = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ButlerIdentityDbContext>();

        builder.Services.AddSingleton<TokenService>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TokenService>((o, tokens) =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = AuthOptions.Issuer,
                    ValidAudience = AuthOptions.Audience,
                    IssuerSigningKey = tokens.SigningKey,
                    NameClaimType = JwtRegisteredClaimNames.Name,
                    RoleClaimType = "role",
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.LeaderOrAdmin, p => p.RequireRole(Roles.Leader, Roles.Admin))
            .SetFallbackPolicy(null);
        return builder;
    }
}

/// <summary>Issues signed access tokens; the key comes from configuration or a file in the data folder.</summary>
public sealed class TokenService
{
    private readonly ButlerOptions _options;
    private readonly TimeProvider _time;

    public TokenService(IOptions<ButlerOptions> options, DataDirectory dataDirectory, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        SigningKey = new SymmetricSecurityKey(LoadKey(_options.Auth.SigningKey, dataDirectory.Path));
    }

    public SymmetricSecurityKey SigningKey { get; }

    public TimeSpan Lifetime => _options.Auth.TokenLifetime;

    public string Issue(ButlerUser user, IEnumerable<string> roles)
    {
        var now = _time.GetUtcNow();
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, user.Id),
            new(JwtRegisteredClaimNames.Name, user.UserName!),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
        };
        claims.AddRange(roles.Select(r => new Claim("role", r)));
        var token = new JwtSecurityToken(
            AuthOptions.Issuer, AuthOptions.Audience, claims,
            notBefore: now.UtcDateTime, expires: now.Add(Lifetime).UtcDateTime,
            signingCredentials: new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    private static byte[] LoadKey(string? configured, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var bytes = Convert.FromBase64String(configured);
            return bytes.Length >= 32 ? bytes : throw new InvalidOperationException("Butler:Auth:SigningKey must be at least 32 bytes (base64).");
        }
        // Several hosts sharing a database must share this key: configure it explicitly for scale-out.
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, "token-signing.key");
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        var key = RandomNumberGenerator.GetBytes(64);
        try
        {
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            using var writer = new StreamWriter(stream);
            writer.Write(Convert.ToBase64String(key));
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
    }
}
