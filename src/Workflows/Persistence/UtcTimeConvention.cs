using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Butler.Workflows.Persistence;

/// <summary>
/// The one rule for time in Butler's models (the engine's and Identity's): every <see cref="DateTimeOffset"/> property
/// reaches the database in UTC and comes back in UTC, whatever offset the caller gave it.
/// </summary>
/// <remarks>
/// PostgreSQL's <c>timestamp with time zone</c> takes only offset 0 from Npgsql; SQL Server's <c>datetimeoffset</c> would
/// keep each caller's offset. A converter on the property also converts the query parameters compared with it, so a
/// LINQ filter against a Beijing-time value needs no care either. Callers therefore pass any offset they have.
/// </remarks>
public static class UtcTimeConvention
{
    /// <summary>
    /// Stores every <see cref="DateTimeOffset"/> in UTC in the provider's own date type, or as UTC ticks
    /// (<paramref name="asTicks"/>), for SQLite, which has no date type to compare and order by in SQL.
    /// </summary>
    public static ModelConfigurationBuilder StoreTimesInUtc(this ModelConfigurationBuilder configurationBuilder, bool asTicks)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        if (asTicks)
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
        }
        else
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcConverter>();
        }
        return configurationBuilder;
    }

    private sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
        v => v.ToUniversalTime(),
        v => v.ToUniversalTime());

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
