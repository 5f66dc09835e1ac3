using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Butler.Workflows.Activities;
using Butler.Workflows.Definitions;
using Xunit;

namespace Butler.Workflows.Tests.Contracts;

/// <summary>The one bilingual type and the one rule for the reader's language (ADR 023).</summary>
public sealed class LocalizedTextTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData("en", true)]
    [InlineData("en-US", true)]
    [InlineData("EN-gb", true)]
    [InlineData("en_GB", true)]
    [InlineData("zh-CN", false)]
    [InlineData("zh", false)]
    [InlineData("fr", false)]
    [InlineData("eng", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_an_English_culture_is_English(string? culture, bool english)
    {
        Assert.Equal(english, Languages.IsEnglish(culture));
        Assert.Equal(english ? "en" : "zh-CN", Languages.Of(culture));
        Assert.Equal(english ? "Task" : "任务", Languages.Pick("任务", "Task", culture));
        Assert.Equal(english ? "Task" : "任务", new LocalizedText("Task", "任务").For(culture));
    }

    [Fact]
    public void The_languages_are_zh_CN_first_then_English()
    {
        Assert.Equal(["zh-CN", "en"], Languages.All);
        Assert.True(Languages.IsEnglish(CultureInfo.GetCultureInfo("en-GB")));
        Assert.False(Languages.IsEnglish(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Without_a_culture_the_current_UI_culture_picks()
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            var text = new LocalizedText("Task", "任务");
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
            Assert.Equal("Task", text.Current);
            Assert.Equal("Task", Languages.Pick("任务", "Task"));
            Assert.Equal("en", Languages.Current);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            Assert.Equal("任务", text.Current);
            Assert.Equal("任务", text.ToString());
            Assert.Equal("zh-CN", Languages.Current);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void A_plain_string_is_the_same_text_in_both_languages()
    {
        var text = new LocalizedText("ACME");
        Assert.Equal(new LocalizedText("ACME", "ACME"), text);

        var read = JsonSerializer.Deserialize<LocalizedText>("\"双汇 Shuanghui\"", Web)!;
        Assert.Equal("双汇 Shuanghui", read.For("en"));
        Assert.Equal("双汇 Shuanghui", read.For("zh-CN"));
    }

    [Fact]
    public void Both_languages_are_read_from_an_object_and_one_alone_serves_both()
    {
        Assert.Equal(new LocalizedText("Sign", "签约"), JsonSerializer.Deserialize<LocalizedText>("""{ "zh-CN": "签约", "en": "Sign" }""", Web));
        Assert.Equal(new LocalizedText("签约"), JsonSerializer.Deserialize<LocalizedText>("""{ "zh-CN": "签约" }""", Web));
        Assert.Equal(new LocalizedText("Sign"), JsonSerializer.Deserialize<LocalizedText>("""{ "en": "Sign", "fr": "Signer" }""", Web));
        Assert.Null(JsonSerializer.Deserialize<LocalizedText>("null", Web));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{ "fr": "Signer" }""")]
    [InlineData("""{ "en": 3 }""")]
    [InlineData("42")]
    [InlineData("[\"a\"]")]
    public void Anything_else_is_not_a_text(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<LocalizedText>(json, Web));

    [Fact]
    public void It_is_written_as_zh_CN_and_en_and_reads_back_the_same()
    {
        var text = new LocalizedText("Resolve a problem", "解决难题");

        var json = JsonSerializer.Serialize(text, Web);

        Assert.Equal("""{"zh-CN":"\u89E3\u51B3\u96BE\u9898","en":"Resolve a problem"}""", json);
        Assert.Equal(text, JsonSerializer.Deserialize<LocalizedText>(json, Web));
        // A text the same in both languages is written as the plain string it was read from.
        Assert.Equal("\"ACME\"", JsonSerializer.Serialize(JsonSerializer.Deserialize<LocalizedText>("\"ACME\"", Web), Web));
        Assert.Equal("\"ACME\"", JsonSerializer.Serialize(JsonSerializer.Deserialize<LocalizedText>("""{"zh-CN":"ACME","en":"ACME"}""", Web), Web));
    }

    [Theory]
    [InlineData("解决难题 / Resolve a problem", "解决难题", "Resolve a problem")]
    [InlineData("签约 / signed", "签约", "signed")]
    [InlineData("{\"a\":1}", "{\"a\":1}", "{\"a\":1}")]
    [InlineData("", "", "")]
    public void It_is_stored_plain_when_the_same_and_as_json_otherwise(string legacyOrPlain, string zh, string en)
    {
        var read = LocalizedText.FromStored(legacyOrPlain);
        var text = new LocalizedText(en, zh);

        // A stored value that is not one of ours reads as the same text in both languages...
        if (legacyOrPlain.Contains(" / ", StringComparison.Ordinal))
        {
            Assert.Equal(new LocalizedText(legacyOrPlain), read);
        }
        // ...and what is stored reads back as it was.
        Assert.Equal(text, LocalizedText.FromStored(text.ToStored()));
        Assert.Equal(text.IsSame, !text.ToStored().StartsWith('{') || zh.StartsWith('{'));
    }

    [Fact]
    public void A_descriptor_keeps_the_shape_of_its_texts_in_json()
    {
        var descriptor = new ActivityRegistry(ActivityRegistry.BuiltIn()).Descriptors.First();

        var node = JsonNode.Parse(JsonSerializer.Serialize(descriptor, DefinitionJson.Options))!;

        Assert.Equal(descriptor.DisplayName.En, (string?)node["displayName"]!["en"]);
        Assert.Equal(descriptor.DisplayName.ZhCn, (string?)node["displayName"]!["zh-CN"]);
        Assert.Equal(2, node["displayName"]!.AsObject().Count);
    }

    [Fact]
    public void A_problem_is_one_text_in_two_languages()
    {
        var problem = new DefinitionProblem("$.name", new LocalizedText("The definition needs a name.", "流程定义须填写名称。"));

        Assert.Equal("The definition needs a name.", problem.Message);
        Assert.Equal("流程定义须填写名称。", problem.MessageZh);
        Assert.Equal(new LocalizedText("Only English."), new DefinitionProblem("$", "Only English.").Text);
        Assert.DoesNotContain("\"text\"", JsonSerializer.Serialize(problem, DefinitionJson.Options), StringComparison.OrdinalIgnoreCase);
    }
}
