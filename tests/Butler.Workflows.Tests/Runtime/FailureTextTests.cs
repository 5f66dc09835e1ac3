using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Butler.Workflows.Runtime;
using Xunit;

namespace Butler.Workflows.Tests.Runtime;

/// <summary>The one catalogue of refusal messages: every code in both languages, every placeholder filled.</summary>
public sealed partial class FailureTextTests
{
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();

    /// <summary>Every factory of <see cref="Failure"/>, called with sample arguments.</summary>
    public static TheoryData<string> Factories()
    {
        var data = new TheoryData<string>();
        foreach (var method in FactoryMethods())
        {
            data.Add(method.Name);
        }
        return data;
    }

    private static IEnumerable<MethodInfo> FactoryMethods() =>
        typeof(Failure).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.ReturnType == typeof(Failure));

    /// <summary>
    /// A factory called with sample arguments; one call for each value of a parameter that picks the code (an enum, the
    /// kind a JSON value must be, an Identity code), so every code the factory can make is sampled.
    /// </summary>
    private static List<Failure> Samples(string name)
    {
        var method = FactoryMethods().Single(m => m.Name == name);
        IEnumerable<object?[]> calls = [[]];
        foreach (var parameter in method.GetParameters())
        {
            var values = Values(name, parameter.ParameterType);
            calls = calls.SelectMany(call => values.Select(value => (object?[])[.. call, value]));
        }
        return calls.Select(args => (Failure)method.Invoke(null, args)!).ToList();
    }

    private static IEnumerable<object?> Values(string factory, Type type) => type switch
    {
        var t when t == typeof(string) && factory == nameof(Failure.Identity) => [.. Failure.IdentityCodes, "SomethingNew"],
        var t when t == typeof(Butler.Workflows.Input.JsonExpectation) =>
            [null, new Butler.Workflows.Input.JsonExpectation(Butler.Workflows.Input.JsonExpectation.OneOf, ["low", "high"]), .. Butler.Workflows.Input.JsonExpectation.Words.Keys.Select(k => new Butler.Workflows.Input.JsonExpectation(k))],
        var t when t == typeof(bool) => [true, false],
        var t when t.IsEnum => [.. Enum.GetValues(t).Cast<object>().Where(v => v.ToString() != "None")],
        var t when Nullable.GetUnderlyingType(t) is { } inner => Values(factory, inner),
        var t => [Value(t)],
    };

    private static object Value(Type type) => type switch
    {
        var t when t == typeof(Guid) => Guid.Parse("11111111-2222-3333-4444-555555555555"),
        var t when t == typeof(string) => "sample",
        var t when t == typeof(int) => 7,
        var t when t == typeof(long) => 7L,
        var t when t == typeof(double) => 30d,
        var t when t == typeof(bool) => true,
        var t when t == typeof(char) => '\u0001',
        var t when t == typeof(decimal) => 100m,
        var t when t == typeof(DateOnly) => new DateOnly(2026, 3, 1),
        var t when t == typeof(IEnumerable<string>) => new[] { "one", "two", "three" },
        var t => throw new InvalidOperationException($"No sample for {t}."),
    };

    [Theory]
    [MemberData(nameof(Factories))]
    public void Every_failure_has_both_languages_with_its_placeholders_filled(string factory)
    {
        foreach (var failure in Samples(factory))
        {
            HasBothLanguages(failure);
        }
    }

    private static void HasBothLanguages(Failure failure)
    {
        Assert.True(FailureText.Templates.ContainsKey(failure.Code), $"{failure.Code} has no entry in the catalogue.");
        var english = failure.Text(CultureInfo.GetCultureInfo("en-US"));
        var chinese = failure.Text(CultureInfo.GetCultureInfo("zh-CN"));
        Assert.DoesNotContain("{", english, StringComparison.Ordinal);
        Assert.DoesNotContain("{", chinese, StringComparison.Ordinal);
        Assert.DoesNotMatch(Cjk(), english);
        Assert.Matches(Cjk(), chinese);
        Assert.Equal(english, failure.English);
        var (en, zh) = FailureText.Templates[failure.Code];
        // A field's message in Chinese leaves out the field's wire name: the problem's errors key names it.
        Assert.Equal(FailureText.Placeholders(en).Where(p => p != "field").Order(StringComparer.Ordinal), FailureText.Placeholders(zh).Order(StringComparer.Ordinal));
        Assert.Equal(FailureText.Placeholders(en).Distinct().Order(StringComparer.Ordinal), failure.Args.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_catalogue_entry_belongs_to_a_failure_and_has_both_languages()
    {
        var codes = FactoryMethods().SelectMany(m => Samples(m.Name)).Select(f => f.Code).Append(Failure.Validation).ToHashSet(StringComparer.Ordinal);

        foreach (var (code, (en, zh)) in FailureText.Templates)
        {
            Assert.Contains(code, codes);
            Assert.False(string.IsNullOrWhiteSpace(en), code);
            Assert.Matches(Cjk(), zh);
        }
    }

    /// <summary>
    /// Latin words a Chinese message may hold: formats, headers and media types a client writes as they are, example
    /// values and keyboard-free codes. Anything else in Latin letters is English leaking into Chinese.
    /// </summary>
    private static readonly HashSet<string> CodesInChinese = new(StringComparer.Ordinal)
    {
        "JSON", "ISO", "GUID", "UUID", "ASCII", "UTF", "U", "Content", "Type", "application", "json", "multipart", "form", "data",
        "true", "false", "Z", "T", "P", "PT", "H", "D", "DT", "wd", "general", "project", "problem", "approval", "task", "id", "kind",
        "health", "food", "URL", "null", "GET", "PUT", "POST", "PDF", "PNG",
    };

    [Fact]
    public void The_Chinese_templates_hold_no_English_outside_placeholders_and_named_codes()
    {
        var leaks = new List<string>();
        foreach (var (code, (_, zh)) in FailureText.Templates)
        {
            var words = LatinWord().Matches(Example().Replace(Placeholder().Replace(zh, " "), " ")).Select(m => m.Value).Where(w => !CodesInChinese.Contains(w)).ToList();
            if (words.Count > 0)
            {
                leaks.Add($"{code}: {string.Join(", ", words)} in “{zh}”");
            }
        }
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Placeholder();

    /// <summary>Examples written as a client writes them: an e-mail address, a percent-encoded character.</summary>
    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+|%[0-9A-F]{2}")]
    private static partial Regex Example();

    [GeneratedRegex(@"[A-Za-z]+")]
    private static partial Regex LatinWord();

    [Fact]
    public void Codes_are_stable_words_not_sentences()
    {
        Assert.All(FailureText.Templates.Keys, code => Assert.Matches("^[a-z]+(\\.[a-zA-Z]+)?$", code));
    }

    [Fact]
    public void A_status_argument_reads_as_words_in_Chinese_and_as_today_in_English()
    {
        var failure = Failure.TaskNotOpen(WorkItemStatus.Done);

        Assert.Equal("task.notOpen", failure.Code);
        Assert.Equal("done", failure.Args["status"]);
        Assert.Equal("The task is already done.", failure.Text(CultureInfo.GetCultureInfo("en")));
        Assert.Equal("任务已办结。", failure.Text(CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal("任务已办结。", failure.Text(CultureInfo.GetCultureInfo("zh")));
    }

    [Fact]
    public void A_result_keeps_the_English_message_and_gives_the_code_and_arguments()
    {
        var id = Guid.NewGuid();
        var result = OperationResult<Guid>.NotFound(Failure.TaskNotFound(id));

        Assert.Equal($"No task {id}.", result.Message);
        Assert.Equal("task.notFound", result.Code);
        Assert.Equal(id.ToString(), result.Args["taskId"]);
        Assert.Equal($"没有任务 {id}。", result.Text(CultureInfo.GetCultureInfo("zh-CN")));
        var passedUp = result.As<string>();
        Assert.Equal((OperationStatus.NotFound, "task.notFound", result.Args), (passedUp.Status, passedUp.Code, passedUp.Args));
    }

    [Fact]
    public void Invalid_results_have_the_code_validation_and_keep_their_field_messages()
    {
        var one = OperationResult<Guid>.Invalid("text", Failure.Required("text"));
        var many = OperationResult<Guid>.Invalid(new Dictionary<string, string[]> { ["a"] = ["x"] });

        Assert.Equal(Failure.Validation, one.Code);
        Assert.Equal("The request is invalid.", one.Message);
        Assert.Equal(new Dictionary<string, string[]> { ["text"] = ["text is required."] }, one.Errors);
        Assert.Equal(Failure.Validation, many.Code);
        Assert.Equal("The request is invalid.", many.Message);
        Assert.Equal("请求无效。", many.Text(CultureInfo.GetCultureInfo("zh-CN")));
    }

    [Fact]
    public void An_unknown_code_reads_as_itself()
    {
        Assert.Equal("no.suchCode", FailureText.Format("no.suchCode", null, CultureInfo.InvariantCulture));
    }
}
