using System.Security.Claims;
using Butler.Host.Api;
using Butler.Host.Identity;
using Microsoft.AspNetCore.Http;

namespace Butler.Host.Tests.Api;

/// <summary>Accept-Language first, then the profile language, then zh-CN.</summary>
public sealed class CallerLanguageTests
{
    private static DefaultHttpContext Request(string? acceptLanguage, string? profile)
    {
        var http = new DefaultHttpContext();
        if (acceptLanguage is not null)
        {
            http.Request.Headers.AcceptLanguage = acceptLanguage;
        }
        if (profile is not null)
        {
            http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ButlerClaimsPrincipalFactory.LanguageClaim, profile)], "test"));
        }
        return http;
    }

    [Theory]
    [InlineData("zh-CN", "en", "zh-CN")]
    [InlineData("zh-TW", null, "zh-CN")]
    [InlineData("en-GB,en;q=0.9", "zh-CN", "en")]
    [InlineData("fr-FR, en;q=0.5, zh;q=0.8", "en", "zh-CN")]
    [InlineData("fr-FR", "en", "en")]
    [InlineData("*", "en", "en")]
    [InlineData("en;q=0, zh;q=0.1", null, "zh-CN")]
    [InlineData(null, "en", "en")]
    [InlineData(null, "zh-CN", "zh-CN")]
    [InlineData(null, null, "zh-CN")]
    [InlineData("", "", "zh-CN")]
    public void The_header_wins_then_the_profile_then_Chinese(string? header, string? profile, string expected)
    {
        Assert.Equal(expected, CallerLanguage.Of(Request(header, profile)).Name);
    }
}
