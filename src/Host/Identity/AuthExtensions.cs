using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Security.Cryptography;
using Butler.Host.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Butler.Host.Identity;

public static class AuthExtensions
{
    /// <summary>The scheme that picks bearer (API clients) or the Identity cookie (the browser) per request.</summary>
    public const string BearerOrCookie = "BearerOrCookie";

    /// <summary>Identity with the three roles, bearer tokens for the API, the sign-in cookie for the UI, and the role policies.</summary>
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
                // The cookie principal carries the same claim types as the access token, so ToActor and the policies read both alike.
                o.ClaimsIdentity.UserNameClaimType = JwtRegisteredClaimNames.Name;
                o.ClaimsIdentity.RoleClaimType = TeamRoleClaims.RoleType;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ButlerIdentityDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<ButlerClaimsPrincipalFactory>();

        builder.Services.AddSingleton<TokenService>();
        builder.Services.AddScoped<PasswordSignIn>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<AccountSessions>();
        // The sign-in cookie is checked against its account as often as a token is (ADR 014), not Identity's default 30 minutes.
        builder.Services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<IOptions<ButlerOptions>>((o, butler) => o.ValidationInterval = butler.Value.Auth.SessionCheckInterval);
        builder.Services.AddAuthentication(BearerOrCookie)
            .AddPolicyScheme(BearerOrCookie, "Bearer token or sign-in cookie", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : IdentityConstants.ApplicationScheme)
            .AddJwtBearer()
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.Cookie.Name = "butler.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.LoginPath = "/signin";
                o.LogoutPath = "/signout";
                o.AccessDeniedPath = "/denied";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events = new CookieAuthenticationEvents
                {
                    OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync,
                    // Machines calling the API get status codes; only a browser asking for a page is sent to sign in.
                    OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden),
                };
            })
            // Never issued: Identity's stamp validator signs out of it whenever it rejects a cookie, which without the scheme is a 500.
            .AddCookie(IdentityConstants.TwoFactorRememberMeScheme, o => o.Cookie.Name = "butler.2fa");
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TokenService, TimeProvider>((o, tokens, time) =>
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
                    // Read on the clock the token was issued by, not the machine's, as all Butler code reads time.
                    LifetimeValidator = (notBefore, expires, _, parameters) =>
                    {
                        var now = time.GetUtcNow().UtcDateTime;
                        return expires is { } end && now - parameters.ClockSkew < end && (notBefore is not { } start || start <= now + parameters.ClockSkew);
                    },
                };
                o.Events = new JwtBearerEvents
                {
                    // A signature proves who issued a token, not that its account is still as it was: locked, a role taken, a new password end it.
                    OnTokenValidated = async context =>
                    {
                        var sessions = context.HttpContext.RequestServices.GetRequiredService<AccountSessions>();
                        if (context.Principal is null || !await sessions.IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted))
                        {
                            context.Fail("The session has ended: the account was locked, lost a role or changed its password since the token was issued.");
                        }
                    },
                };
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.LeaderOrAdmin, p => p.RequireRole(Roles.Leader, Roles.Admin))
            .SetFallbackPolicy(null);
        return builder;
    }

    /// <summary>True for requests answered with status codes rather than a redirect to the sign-in page.</summary>
    public static bool IsMachineRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hangfire") || request.Path.StartsWithSegments("/openapi");

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsMachineRequest(context.Request))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }
}

/// <summary>Adds the user's language to the sign-in cookie, so the UI picks it without a database read per request.</summary>
public sealed class ButlerClaimsPrincipalFactory(UserManager<ButlerUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ButlerUser, IdentityRole>(users, roles, options)
{
    public const string LanguageClaim = "butler:lang";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ButlerUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(LanguageClaim, user.Language));
        return identity;
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
        ArgumentNullException.ThrowIfNull(user);
        return Issue(user.Id, user.UserName!, roles, Lifetime, SecurityStamps.Fingerprint(user.SecurityStamp), user.Language);
    }

    /// <summary>
    /// A token for a person already signed in some other way (the designer's circuit), valid for <paramref name="lifetime"/>
    /// and only while the account keeps the security stamp <paramref name="stampFingerprint"/> names. <paramref name="language"/>
    /// travels as the <see cref="ButlerClaimsPrincipalFactory.LanguageClaim"/> claim, the reader's language of the API's answers.
    /// </summary>
    public string Issue(string userId, string userName, IEnumerable<string> roles, TimeSpan lifetime, string? stampFingerprint, string? language = null)
    {
        var now = _time.GetUtcNow();
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, userId),
            new(JwtRegisteredClaimNames.Name, userName),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
        };
        if (stampFingerprint is not null)
        {
            claims.Add(new(SecurityStamps.ClaimType, stampFingerprint));
        }
        if (!string.IsNullOrEmpty(language))
        {
            claims.Add(new(ButlerClaimsPrincipalFactory.LanguageClaim, language));
        }
        claims.AddRange(roles.Select(r => new Claim("role", r)));
        var token = new JwtSecurityToken(
            AuthOptions.Issuer, AuthOptions.Audience, claims,
            notBefore: now.UtcDateTime, expires: now.Add(lifetime).UtcDateTime,
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
