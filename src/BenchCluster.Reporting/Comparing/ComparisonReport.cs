namespace BenchCluster.Reporting.Comparing;

/// <summary>NEW against BASE: every matched point, the points on one side only, and the regressions CI gates on.</summary>
public sealed record ComparisonReport
{
    public required ComparedRun Base { get; init; }
    public required ComparedRun New { get; init; }
    /// <summary>Fraction of BASE a significant slowdown must exceed to be a regression (0.05 = 5 %).</summary>
    public required double Threshold { get; init; }
    public required double Alpha { get; init; }
    public required IReadOnlyList<PointComparison> Points { get; init; }
    public IReadOnlyList<UnmatchedPoint> OnlyInBase { get; init; } = [];
    public IReadOnlyList<UnmatchedPoint> OnlyInNew { get; init; } = [];

    public int Regressions => Points.Count(p => p.IsRegression);
    public int Faster => Count(ComparisonVerdict.Faster);
    public int Slower => Count(ComparisonVerdict.Slower);
    public int Same => Count(ComparisonVerdict.Same);
    public int Unknown => Count(ComparisonVerdict.Unknown);
    public bool HasRegressions => Regressions > 0;

    private int Count(ComparisonVerdict verdict) => Points.Count(p => p.Verdict == verdict);
}
