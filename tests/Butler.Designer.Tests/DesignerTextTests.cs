using System.Globalization;
using System.Reflection;

namespace Butler.Designer.Tests;

public sealed class DesignerTextTests
{
    [Fact]
    public void Every_string_differs_between_the_two_languages()
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            var properties = typeof(DesignerText).GetProperties(BindingFlags.Public | BindingFlags.Static)
                .Where(p => p.PropertyType == typeof(string) && p.Name != nameof(DesignerText.Culture)).ToList();
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            var chinese = properties.ToDictionary(p => p.Name, p => (string)p.GetValue(null)!);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            // A symbol such as "—" is the same in both; anything with words must be translated.
            var same = properties.Where(p => (string)p.GetValue(null)! == chinese[p.Name] && chinese[p.Name].Any(char.IsLetter))
                .Select(p => p.Name).ToList();
            Assert.True(properties.Count > 10, $"only {properties.Count} strings found");
            Assert.Empty(same);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
