using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Cost;

/// <summary>What one result's cost is computed from: the node's hardware price and power, or an endpoint's price sheet.</summary>
public sealed record CostInputs
{
    /// <summary>Hardware cost per hour: cloud price, or amortized purchase; null when unknown (never 0 for "no price").</summary>
    public double? HardwareUsdPerHour { get; init; }
    /// <summary>Configured power draw; measured power replaces it when available.</summary>
    public double? ConfiguredWatts { get; init; }
    public double UsdPerKwh { get; init; }
    public double? RemoteInputUsdPerMillion { get; init; }
    public double? RemoteOutputUsdPerMillion { get; init; }
    public bool IsRemote { get; init; }

    public static CostInputs None { get; } = new();

    /// <summary>
    /// Resolves a node's inputs: the first <c>cost.nodes</c> entry whose pattern matches the node name overrides the
    /// node's advertised price and watts; a purchase price is amortized when no hourly price is given. A worker
    /// advertising 0 $/h (its default) has no known price: unknown stays unknown rather than reading as free.
    /// </summary>
    public static CostInputs Resolve(CostSpec spec, NodeDescription? node, ModelSpec model)
    {
        if (model.Endpoint is { } endpoint)
        {
            return new CostInputs
            {
                IsRemote = true,
                RemoteInputUsdPerMillion = endpoint.PriceInputUsdPerMillion,
                RemoteOutputUsdPerMillion = endpoint.PriceOutputUsdPerMillion,
            };
        }
        var entry = node is null ? null : spec.Nodes.FirstOrDefault(n => Glob.IsMatch(n.NamePattern, node.NodeName));
        var hourly = entry?.UsdPerHour
            ?? (entry?.PurchaseUsd is { } purchase ? (double?)CostModel.AmortizedUsdPerHour(purchase, entry.AmortizationYears, entry.Utilization) : null)
            ?? (node is { PriceUsdPerHour: > 0 } ? (double?)node.PriceUsdPerHour : null);
        var watts = entry?.Watts ?? (node is { Watts: > 0 } ? (double?)node.Watts : null);
        return new CostInputs { HardwareUsdPerHour = hourly, ConfiguredWatts = watts, UsdPerKwh = spec.UsdPerKwh };
    }
}
