using System.Globalization;
using BenchCluster.Measurement.Cost;

namespace BenchCluster.Reporting.Records;

/// <summary>
/// Power while the point ran and energy per token (docs/metrics.md, "Energy"): the configured and the measured power
/// side by side and which of them the figures use. Null for endpoints; every figure null where its power is unknown.
/// </summary>
public sealed record ResultEnergy
{
    /// <summary>The power the figures and the energy cost use: measured when there is one, else configured.</summary>
    public double? Watts { get; init; }
    /// <summary>"measured:&lt;meter&gt;" (e.g. "measured:rapl:package-0+nvml"), "configured" or "none".</summary>
    public required string Source { get; init; }
    /// <summary>The suite's or the worker's watts for the node.</summary>
    public double? ConfiguredWatts { get; init; }
    /// <summary>Average power the node's counters measured over the measured part.</summary>
    public double? MeasuredWatts { get; init; }
    /// <summary>The counters behind <see cref="MeasuredWatts"/>, e.g. "rapl:package-0+nvml".</summary>
    public string? MeasuredSource { get; init; }
    /// <summary>Watts ÷ headline tokens/s; null when no tokens were produced.</summary>
    public double? JoulesPerToken { get; init; }
    /// <summary>Watts ÷ output tokens/s (the rate the output price uses); null for pp.</summary>
    public double? JoulesPerOutputToken { get; init; }
    public double? OutputTokensPerJoule { get; init; }
    /// <summary>Why power was not measured, or only partly.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
    public bool IsMeasured => PowerSources.IsMeasured(Source);

    /// <summary>"52.3 W measured" or "80 W configured"; empty when no power is known.</summary>
    public string DescribePower() =>
        Watts is { } w && double.IsFinite(w)
            ? w.ToString("0.#", CultureInfo.InvariantCulture) + (IsMeasured ? " W measured" : " W configured")
            : "";

    public static ResultEnergy From(EnergyBreakdown energy) => new()
    {
        Watts = energy.Watts,
        Source = energy.Source,
        ConfiguredWatts = energy.ConfiguredWatts,
        MeasuredWatts = energy.MeasuredWatts,
        MeasuredSource = energy.MeasuredSource,
        JoulesPerToken = energy.JoulesPerToken,
        JoulesPerOutputToken = energy.JoulesPerOutputToken,
        OutputTokensPerJoule = energy.OutputTokensPerJoule,
        Notes = energy.Notes,
    };
}
