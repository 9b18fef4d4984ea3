namespace BenchCluster.Reporting.Records;

/// <summary>Power while the point ran and the energy per headline token; present only when power was measured or configured.</summary>
public sealed record ResultEnergy
{
    public required double Watts { get; init; }
    /// <summary>"measured:rapl", "measured:nvidia-smi" or "configured".</summary>
    public required string Source { get; init; }
    /// <summary>Watts ÷ headline tokens/s; null when no tokens were produced.</summary>
    public double? JoulesPerToken { get; init; }
    public bool IsMeasured => Source.StartsWith("measured", StringComparison.Ordinal);
}
