using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Butler.E2E.Tests;

/// <summary>
/// Every page in both languages, at 1280 px and at a 360 px phone: a zh-CN page shows no Latin-letter word and an English
/// page no Chinese character, outside <see cref="LanguageGuard"/>'s named allowlist (proper names and codes). What a
/// person reads counts: the visible text, the document title, and placeholders, labels and tooltips.
/// </summary>
[Collection(ButlerServerCollection.Name)]
[Trait("Category", "E2E")]
public sealed class LanguageGuardTests(ButlerServer server)
{
    public static TheoryData<string, string> Languages() => new() { { Ui.Chinese, "1280" }, { Ui.Chinese, "360" }, { Ui.English, "1280" }, { Ui.English, "360" } };

    /// <summary>The pages of the tour, and the lists the tour does not open, each by the role it is for.</summary>
    private static IEnumerable<(string User, string Address)> Pages() =>
        PageTourTests.Pages().Select(row => ((string)row[1], (string)row[2]))
            .Concat([("admin", "/admin/instances"), ("admin", "/admin/teams"), ("admin", "/designer/butler-pipeline")]);

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Every_page_speaks_only_the_readers_language(string language, string width)
    {
        var phone = width == "360";
        var failures = new List<string>();
        foreach (var group in Pages().GroupBy(p => p.User))
        {
            var page = await server.NewPageAsync(phone);
            var first = true;
            foreach (var (_, address) in group)
            {
                var url = await PageTourTests.FillAsync(server, address);
                if (first)
                {
                    await Ui.SignInAsync(page, group.Key, language, url);
                    first = false;
                }
                else
                {
                    await Ui.GotoAsync(page, url);
                }
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }).First).ToBeVisibleAsync();
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                var text = await ReadableTextAsync(page);
                failures.AddRange(LanguageGuard.Foreign(text, language).Select(word => $"{address} ({group.Key}): {word}"));
            }
            await page.Context.CloseAsync();
        }

        Assert.True(failures.Count == 0, $"{failures.Count} foreign words in {language} pages at {width} px:\n" + string.Join("\n", failures.Distinct()));
    }

    /// <summary>What a reader of the page sees or hears: visible text, the title, placeholders, labels and tooltips.</summary>
    private static Task<string> ReadableTextAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
            const parts = [document.title, document.body.innerText];
            for (const element of document.querySelectorAll('[placeholder], [aria-label], [title], img[alt]')) {
                if (element.closest('[hidden], [aria-hidden="true"]')) continue;
                for (const name of ['placeholder', 'aria-label', 'title', 'alt']) {
                    const value = element.getAttribute(name);
                    if (value) parts.push(value);
                }
            }
            return parts.join('\n');
        }
        """);
}

/// <summary>
/// The rule of the guard: in zh-CN, a word of Latin letters is foreign unless it is in <see cref="Latin"/>; in English,
/// a Chinese character is foreign unless its word is in <see cref="Chinese"/>. Codes a reader is meant to see as they
/// are (ISO times, U+XXXX, GUIDs, file types, e-mail addresses) are taken out first.
/// </summary>
public static partial class LanguageGuard
{
    /// <summary>Latin words a zh-CN page may show: names of things that have no Chinese name, and codes.</summary>
    public static readonly IReadOnlySet<string> Latin = new HashSet<string>(StringComparer.Ordinal)
    {
        // The product, and the language switcher's own name for English.
        "Butler", "English",
        // Formats and standards named as they are written.
        "JSON", "ISO", "GUID", "PDF", "Excel", "CSV", "xlsx", "csv", "docx", "png", "jpg", "jpeg", "txt", "KB", "MB", "Z",
        // Units and currency codes.
        "CNY",
    };

    /// <summary>Chinese words an English page may show: the language switcher's own name for Chinese.</summary>
    public static readonly IReadOnlySet<string> Chinese = new HashSet<string>(StringComparer.Ordinal)
    {
        "中文",
    };

    /// <summary>The words of <paramref name="text"/> foreign to <paramref name="language"/>, each once, in order.</summary>
    public static IReadOnlyList<string> Foreign(string text, string language)
    {
        var plain = Codes().Replace(text ?? "", " ");
        var found = language == Ui.English
            ? ChineseWord().Matches(plain).Select(m => m.Value).Where(w => !Chinese.Contains(w))
            : LatinWord().Matches(plain).Select(m => m.Value).Where(w => !Latin.Contains(w));
        return [.. found.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Codes shown as they are: ISO 8601 times and durations, U+XXXX, GUIDs, e-mail addresses, addresses of pages.</summary>
    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?|U\+[0-9A-F]{4}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[\w.+-]+@[\w-]+(\.[\w-]+)+|\b-?P(T?\d+[DHMS])+\b|\b-?\d+wd\b")]
    private static partial Regex Codes();

    [GeneratedRegex(@"[A-Za-z]+")]
    private static partial Regex LatinWord();

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}\u3000-\u303F\uFF00-\uFFEF]+")]
    private static partial Regex ChineseWord();
}
