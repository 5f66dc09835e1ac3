namespace Butler.Workflows.Onboarding;

public enum PromotionKind
{
    /// <summary>外出招商: an outbound promotion trip (counted in batches).</summary>
    Trip,

    /// <summary>拜访: a visit made to a company.</summary>
    Visit,

    /// <summary>接待考察: an investor delegation received.</summary>
    Reception,
}
