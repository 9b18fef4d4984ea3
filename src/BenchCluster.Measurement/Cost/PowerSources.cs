namespace BenchCluster.Measurement.Cost;

/// <summary>The names that say which power priced a result (EnergyBreakdown.Source, CostBreakdown.WattsSource).</summary>
public static class PowerSources
{
    public const string Configured = "configured";
    public const string None = "none";
    public const string MeasuredPrefix = "measured:";

    public static string Measured(string? meter) => MeasuredPrefix + (meter ?? "unknown");

    public static bool IsMeasured(string source) => source.StartsWith(MeasuredPrefix, StringComparison.Ordinal);

    /// <summary>Measured power wins over configured; none when neither is known.</summary>
    public static (double? Watts, string Source) Choose(double? configuredWatts, double? measuredWatts, string? meter) =>
        measuredWatts is { } measured ? (measured, Measured(meter))
        : configuredWatts is { } configured ? (configured, Configured)
        : (null, None);
}
