namespace BenchCluster.Measurement.Cost;

/// <summary>
/// A point's power and energy per token (docs/metrics.md, "Energy"): the configured and the measured power side by
/// side, which of them the energy figures and the energy cost use, and why power was not measured where it was not.
/// </summary>
public sealed record EnergyBreakdown
{
    /// <summary>The suite's <c>cost.nodes[].watts</c> for the node, else the worker's advertised watts; null when neither.</summary>
    public double? ConfiguredWatts { get; init; }
    /// <summary>Average power over the measured part (RAPL packages + GPUs); null when not measured.</summary>
    public double? MeasuredWatts { get; init; }
    /// <summary>The counters behind <see cref="MeasuredWatts"/>, e.g. "rapl:package-0+nvml".</summary>
    public string? MeasuredSource { get; init; }
    /// <summary>The power the figures below and the energy cost use: measured when there is one, else configured.</summary>
    public double? Watts { get; init; }
    /// <summary>"measured:&lt;source&gt;", "configured" or "none".</summary>
    public string Source { get; init; } = PowerSources.None;
    /// <summary>W ÷ the headline tokens/s (pp: prompt tokens; batched: all tokens).</summary>
    public double? JoulesPerToken { get; init; }
    /// <summary>W ÷ the output token rate the output price uses; null for pp, which produces none.</summary>
    public double? JoulesPerOutputToken { get; init; }
    public double? OutputTokensPerJoule { get; init; }
    /// <summary>Why power was not measured, or only partly (e.g. "nvml: libnvidia-ml.so.1 could not be loaded …").</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
