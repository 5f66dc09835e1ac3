using System.Net.Http.Json;
using System.Text.Json;
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
public sealed partial class LanguageGuardTests(ButlerServer server)
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
        var names = await LanguageGuard.NamesAsync(server);
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
                failures.AddRange(LanguageGuard.Foreign(text, language, names.For(address, language)).Select(word => $"{address} ({group.Key}): {word} in “{Around(text, word)}”"));
            }
            await page.Context.CloseAsync();
        }

        Assert.True(failures.Count == 0, $"{failures.Count} foreign words in {language} pages at {width} px:\n" + string.Join("\n", failures.Distinct()));
    }

    [Fact]
    public async Task Every_mail_speaks_only_its_readers_language()
    {
        // The demo district's late permits escalate right after start, so leaders' mails are on their way.
        await server.Smtp.WaitForAsync(_ => true, TimeSpan.FromSeconds(90));
        var names = await LanguageGuard.NamesAsync(server);
        var failures = new List<string>();
        foreach (var message in server.Smtp.Messages)
        {
            var language = message.HtmlBody is { } html && html.Contains("lang=\"en\"", StringComparison.Ordinal) ? Ui.English : Ui.Chinese;
            // A comment is a person's own words, in whatever language they wrote them: the mail quotes it as it is.
            var text = Comment().Replace(message.Subject + "\n" + message.TextBody, " ");
            failures.AddRange(LanguageGuard.Foreign(text, language, names.For("mail", language))
                .Select(word => $"{message.Subject} ({language}): {word} in “{Around(text, word)}”"));
        }

        Assert.NotEmpty(server.Smtp.Messages);
        Assert.True(failures.Count == 0, $"{failures.Count} foreign words in mails:\n" + string.Join("\n", failures.Distinct()));
    }

    [GeneratedRegex(@"(意见：|Comment: ).*$", RegexOptions.Multiline)]
    private static partial Regex Comment();

    /// <summary>The words around <paramref name="word"/>'s first place in <paramref name="text"/>, to find it on the page.</summary>
    private static string Around(string text, string word)
    {
        var at = Math.Max(0, text.IndexOf(word, StringComparison.Ordinal));
        var from = Math.Max(0, at - 20);
        return text[from..Math.Min(text.Length, at + word.Length + 20)].ReplaceLineEndings(" ");
    }

    /// <summary>What a reader of the page sees or hears: visible text, the title, placeholders, labels and tooltips.</summary>
    private static Task<string> ReadableTextAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
            // Codes are shown as they are: ids, variables and log details sit in code, pre, kbd or translate="no".
            const codes = 'code, pre, kbd, samp, [translate="no"]';
            let text = document.body.innerText;
            // Longest first, so the id "resolve" does not cut "resolvedElsewhere" in two.
            const shown = [...document.querySelectorAll(codes)].map(c => c.innerText).filter(t => t && t.trim()).sort((a, b) => b.length - a.length);
            for (const code of shown) text = text.split(code).join(' ');
            const parts = [document.title, text];
            for (const element of document.querySelectorAll('[placeholder], [aria-label], [title], img[alt]')) {
                if (element.closest('[hidden], [aria-hidden="true"]') || element.closest(codes)) continue;
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
/// a Chinese word is foreign unless it is in <see cref="Chinese"/>. Codes a reader is meant to see as they are (ISO
/// times and durations, U+XXXX, GUIDs, e-mail addresses, configuration keys, time-zone ids) are taken out first, and
/// the names the district typed in one language (<see cref="DataNames"/>) are theirs to keep.
/// </summary>
public static partial class LanguageGuard
{
    /// <summary>Latin words a zh-CN page may show (compared ignoring case, as CSS may upper-case a button).</summary>
    public static readonly IReadOnlySet<string> Latin = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        // The product, the language switcher's own name for English, products the pages name.
        "Butler", "English", "Excel", "Hangfire",
        // Formats and standards named as they are written; file types an upload takes.
        "JSON", "ISO", "GUID", "PDF", "CSV", "xlsx", "docx", "doc", "xls", "png", "jpg", "jpeg", "txt", "KB", "MB",
        // Keyboard keys, as Chinese software writes them ("Ctrl+C 复制").
        "Ctrl", "Delete", "C", "V", "Z", "Y",
        // A variable of the shipped definitions that an activity's description names ("办理结果取自变量 resolution").
        "resolution",
        // The demo district's plot number "A-12" (漯河经开区 A-12 地块), data typed by its staff.
        "A",
    };

    /// <summary>Chinese words an English page may show: the language switcher's own name for Chinese.</summary>
    public static readonly IReadOnlySet<string> Chinese = new HashSet<string>(StringComparer.Ordinal)
    {
        "中文",
        // The demo district's site and decision comment, data typed by its staff in Chinese.
        "漯河经开区", "地块", "同意选址",
    };

    /// <summary>
    /// Words from the data: proper names typed in one language (projects, companies, people), which an English page
    /// shows as they are; definition ids, which are codes; and user names, which the account pages show as codes.
    /// </summary>
    public sealed record DataNames(IReadOnlySet<string> ProperNames, IReadOnlySet<string> Codes, IReadOnlySet<string> UserNames)
    {
        /// <summary>What <paramref name="address"/> may show besides the fixed lists, in <paramref name="language"/>.</summary>
        public IReadOnlySet<string> For(string address, string language)
        {
            var allowed = new HashSet<string>(Codes, StringComparer.OrdinalIgnoreCase);
            if (language == Ui.English)
            {
                allowed.UnionWith(ProperNames);
            }
            if (address is "/profile" or "/admin/users")
            {
                allowed.UnionWith(UserNames);
            }
            return allowed;
        }
    }

    public static async Task<DataNames> NamesAsync(ButlerServer server)
    {
        using var admin = await server.ApiClientAsync("admin");
        var projects = await admin.GetFromJsonAsync<JsonElement>("/api/projects?pageSize=200");
        var users = await admin.GetFromJsonAsync<JsonElement>("/api/users?pageSize=200");
        var definitions = await admin.GetFromJsonAsync<JsonElement>("/api/workflow-definitions");
        var proper = new HashSet<string>(StringComparer.Ordinal);
        proper.UnionWith(Strings(projects, "name", "company", "leaderName"));
        proper.UnionWith(Strings(users, "displayName"));
        var codes = new HashSet<string>(Strings(definitions, "id").SelectMany(id => LatinWord().Matches(id).Select(m => m.Value)), StringComparer.OrdinalIgnoreCase);
        var userNames = new HashSet<string>(Strings(users, "userName"), StringComparer.OrdinalIgnoreCase);
        return new(proper, codes, userNames);
    }

    /// <summary>Every string value of the named properties anywhere in <paramref name="json"/>.</summary>
    private static IEnumerable<string> Strings(JsonElement json, params string[] names)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in json.EnumerateObject())
                {
                    if (names.Contains(property.Name) && property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: > 0 } value)
                    {
                        yield return value;
                    }
                    foreach (var inner in Strings(property.Value, names))
                    {
                        yield return inner;
                    }
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in json.EnumerateArray())
                {
                    foreach (var inner in Strings(item, names))
                    {
                        yield return inner;
                    }
                }
                break;
        }
    }

    /// <summary>The words of <paramref name="text"/> foreign to <paramref name="language"/>, each once, in order.</summary>
    public static IReadOnlyList<string> Foreign(string text, string language, IReadOnlySet<string>? allowed = null)
    {
        var plain = Codes().Replace(text ?? "", " ");
        if (language == Ui.English)
        {
            // A proper name is taken out whole, so its characters do not count one by one.
            foreach (var name in (allowed ?? new HashSet<string>()).Where(n => ChineseWord().IsMatch(n)).OrderByDescending(n => n.Length))
            {
                plain = plain.Replace(name, " ", StringComparison.Ordinal);
            }
        }
        var found = language == Ui.English
            ? ChineseWord().Matches(plain).Select(m => m.Value).Where(w => !Chinese.Contains(w))
            : LatinWord().Matches(plain).Select(m => m.Value).Where(w => !Latin.Contains(w) && allowed?.Contains(w) != true);
        return [.. found.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Codes shown as they are: ISO 8601 times and durations, U+XXXX, GUIDs, e-mail addresses, configuration keys, time-zone ids.</summary>
    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?|U\+[0-9A-F]{4}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[\w.+-]+@[\w-]+(\.[\w-]+)+|\b-?P(T?\d+[DHMS])+\b|\b-?\d+wd\b|\b[A-Z]\w*(:[A-Z]\w*)+\b|\b[A-Z][a-z]+/[A-Z][A-Za-z_]+\b|https?://\S+|\bUTC[+-]\d{2}:\d{2}")]
    private static partial Regex Codes();

    [GeneratedRegex(@"[A-Za-z]+")]
    private static partial Regex LatinWord();

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}\u3000-\u303F\uFF00-\uFFEF]+")]
    private static partial Regex ChineseWord();
}
