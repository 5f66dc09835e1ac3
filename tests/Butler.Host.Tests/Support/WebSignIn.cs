using System.Net;
using System.Text.RegularExpressions;

namespace Butler.Host.Tests.Support;

/// <summary>Signs a browser-like client in through the real sign-in form (<c>/signin</c>), antiforgery token and all.</summary>
public static partial class WebSignIn
{
    /// <summary>Loads the sign-in form and posts it once.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string userName, string password, string? returnUrl = null)
    {
        var url = returnUrl is null ? "/signin" : $"/signin?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        return await PostAsync(browser, url, await browser.GetStringAsync(url), userName, password);
    }

    /// <summary>Posts a sign-in form already loaded; the same form may be posted many times (and at once) by one browser.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient browser, string url, string form, string userName, string password) =>
        browser.PostAsync(url, new FormUrlEncodedContent(
        [
            new("_handler", "signin"),
            new("__RequestVerificationToken", AntiforgeryToken(form)),
            new(FieldName(form, "UserName"), userName),
            new(FieldName(form, "Password"), password),
        ]));

    public static string AntiforgeryToken(string html) => TokenPattern().Match(html) is { Success: true } m
        ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : throw new InvalidOperationException("The page carries no antiforgery token.");

    private static string FieldName(string html, string property) =>
        Regex.Match(html, $"name=\"([^\"]*\\.{property})\"", RegexOptions.None, TimeSpan.FromSeconds(1)) is { Success: true } m
            ? m.Groups[1].Value
            : throw new InvalidOperationException($"The form has no field for {property}.");

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
