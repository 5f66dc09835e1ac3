using System.Globalization;
using Butler.Host.Components;

namespace Butler.Host.Tests.Components;

public sealed class UiTextTests
{
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
