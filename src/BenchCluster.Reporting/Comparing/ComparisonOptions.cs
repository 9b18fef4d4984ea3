namespace BenchCluster.Reporting.Comparing;

/// <summary>How strict a comparison is.</summary>
public sealed record ComparisonOptions
{
    /// <summary>A significant slowdown larger than this fraction of BASE (0.05 = 5 %) is a regression.</summary>
    public double Threshold { get; init; } = 0.05;

    /// <summary>Significance level: a difference is real when the test's p-value is below it.</summary>
    public double Alpha { get; init; } = 0.05;

    public static ComparisonOptions Default { get; } = new();

    /// <summary>Refuses values that would make every or no difference a regression.</summary>
    public ComparisonOptions Validated()
    {
        if (!double.IsFinite(Threshold) || Threshold < 0 || Threshold >= 1)
            throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "The threshold must be a fraction in [0, 1), e.g. 0.05 for 5 %.");
        if (!double.IsFinite(Alpha) || Alpha <= 0 || Alpha >= 0.5)
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "The significance level must lie in (0, 0.5), e.g. 0.05.");
        return this;
    }
}
