namespace BenchCluster.Measurement.Cost;

/// <summary>The cost formulas of docs/metrics.md ("Cost").</summary>
public static class CostModel
{
    /// <summary>Average hours in a year (365.25 days).</summary>
    public const double HoursPerYear = 8766;
    public const double SecondsPerHour = 3600;
    public const double TokensPerMillion = 1e6;
    public const double WattsPerKilowatt = 1000;
    /// <summary>Artificial Analysis blends prices 3 input : 1 output.</summary>
    public const double BlendInputWeight = 3;
    public const double BlendOutputWeight = 1;

    /// <summary>purchase / (years × hours per year × utilization).</summary>
    public static double AmortizedUsdPerHour(double purchaseUsd, double years, double utilization)
    {
        if (!(years > 0) || !(utilization > 0))
            throw new ArgumentOutOfRangeException(nameof(years), "Amortization needs positive years and utilization.");
        return purchaseUsd / (years * HoursPerYear * utilization);
    }

    /// <summary>watts / 1000 × $/kWh.</summary>
    public static double EnergyUsdPerHour(double watts, double usdPerKwh) => watts / WattsPerKilowatt * usdPerKwh;

    /// <summary>$/h ÷ (tokens/s × 3600) × 1e6; null when the hourly price is unknown or nothing was produced.</summary>
    public static double? UsdPerMillion(double? usdPerHour, double? tokensPerSecond) =>
        usdPerHour is { } hourly && tokensPerSecond is > 0 ? hourly / (tokensPerSecond.Value * SecondsPerHour) * TokensPerMillion : null;

    /// <summary>W ÷ tokens/s = joules per token; null when the power is unknown or nothing was produced.</summary>
    public static double? JoulesPerToken(double? watts, double? tokensPerSecond) =>
        watts is { } w && tokensPerSecond is > 0 ? w / tokensPerSecond.Value : null;

    /// <summary>$/h ÷ (requests/s × 3600); null when the hourly price is unknown.</summary>
    public static double? UsdPerRequest(double? usdPerHour, double? requestsPerSecond) =>
        usdPerHour is { } hourly && requestsPerSecond is > 0 ? hourly / (requestsPerSecond.Value * SecondsPerHour) : null;

    /// <summary>(3 · input + 1 · output) / 4: for time-additive work, exactly the cost of a 3:1 token mix.</summary>
    public static double? Blended(double? inputUsdPerMillion, double? outputUsdPerMillion) =>
        inputUsdPerMillion is { } input && outputUsdPerMillion is { } output
            ? ((BlendInputWeight * input) + (BlendOutputWeight * output)) / (BlendInputWeight + BlendOutputWeight)
            : null;

    /// <summary>
    /// Node cost per hour and where its power figure came from (measured wins over configured). The hourly cost is
    /// known only when every part of it is: the hardware price, and — when electricity is charged separately
    /// (<c>usd_per_kwh</c> &gt; 0) — the power draw. The energy cost alone is still reported when its own inputs are known.
    /// </summary>
    public static (double? UsdPerHour, double? EnergyUsdPerHour, double? Watts, string Source) NodeHourly(CostInputs inputs, double? measuredWatts, string? measuredSource)
    {
        var (watts, source) = PowerSources.Choose(inputs.ConfiguredWatts, measuredWatts, measuredSource);
        var chargesEnergy = inputs.UsdPerKwh > 0;
        double? energy = watts is { } w && chargesEnergy ? EnergyUsdPerHour(w, inputs.UsdPerKwh) : null;
        double? hourly = inputs.HardwareUsdPerHour is not { } hardware ? null
            : !chargesEnergy ? hardware
            : energy is { } e ? hardware + e
            : null;
        return (hourly, energy, watts, source);
    }

    /// <summary>A price sheet applied to a workload: (I · p_in + O · p_out) / 1e6 dollars for I input and O output tokens.</summary>
    public static double? SheetUsd(CostInputs inputs, double inputTokens, double outputTokens) =>
        inputs.RemoteInputUsdPerMillion is { } pin && inputs.RemoteOutputUsdPerMillion is { } pout
            ? ((inputTokens * pin) + (outputTokens * pout)) / TokensPerMillion
            : null;
}
