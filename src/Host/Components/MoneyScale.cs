namespace Butler.Host.Components;

/// <summary>What a chart of amounts counts in: <see cref="Unit"/> yuan per step, called <see cref="Name"/>.</summary>
public sealed record MoneyScale(decimal Unit, string Name)
{
    /// <summary>An amount in yuan in this unit, rounded to two decimals.</summary>
    public double Of(decimal yuan) => (double)Math.Round(yuan / Unit, 2, MidpointRounding.AwayFromZero);
}
