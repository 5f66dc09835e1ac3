using Butler.Workflows.Activities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Butler.Workflows.Persistence;

/// <summary>
/// The one rule for bilingual texts in Butler's models (ADR 024): a <see cref="LocalizedText"/> property is one text
/// column holding the plain text when both languages say the same, else <c>{"zh-CN": …, "en": …}</c>.
/// </summary>
/// <remarks>
/// One column keeps the schema the same for a third language, and a column that held plain strings before stays
/// readable as it is. The migration <c>BilingualTexts</c> converts the older "中文 / English" values.
/// </remarks>
public static class LocalizedTextConvention
{
    public static ModelConfigurationBuilder StoreTextsInBothLanguages(this ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<LocalizedText>().HaveConversion<StoredTextConverter>();
        return configurationBuilder;
    }

    private sealed class StoredTextConverter() : ValueConverter<LocalizedText, string>(
        v => v.ToStored(),
        v => LocalizedText.FromStored(v));
}
