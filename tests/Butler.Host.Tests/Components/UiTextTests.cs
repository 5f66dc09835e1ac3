using System.Globalization;
using Butler.Host.Components;

namespace Butler.Host.Tests.Components;

public sealed class UiTextTests
{
    [Theory]
    [InlineData("zh-CN", "政策解读：豫康 / Policy briefing: Yukang", "政策解读：豫康")]
    [InlineData("en", "政策解读：豫康 / Policy briefing: Yukang", "Policy briefing: Yukang")]
    [InlineData("en", "只有中文", "只有中文")]
    [InlineData("en", "A / B / C", "A / B / C")]
    [InlineData("zh-CN", "Q1/Q2 plan", "Q1/Q2 plan")]
    [InlineData("en", "", "")]
    public void Part_picks_the_current_languages_half_of_a_bilingual_value(string culture, string value, string shown)
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            Assert.Equal(shown, UiText.Part(value));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void Every_string_differs_between_the_two_languages()
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            var properties = typeof(UiText).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
                .Where(p => p.PropertyType == typeof(string)).ToList();
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            var chinese = properties.ToDictionary(p => p.Name, p => (string)p.GetValue(null)!);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            // A symbol such as "—" is the same in both; anything with words must be translated.
            var same = properties.Where(p => (string)p.GetValue(null)! == chinese[p.Name] && chinese[p.Name].Any(char.IsLetter))
                .Select(p => p.Name).ToList();
            Assert.True(properties.Count > 20, $"only {properties.Count} strings found");
            Assert.Empty(same);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
