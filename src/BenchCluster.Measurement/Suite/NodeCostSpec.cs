namespace BenchCluster.Measurement.Suite;

/// <summary>Cost inputs for the nodes whose names match <see cref="NamePattern"/> (first match wins).</summary>
public sealed record NodeCostSpec
{
    public string NamePattern { get; init; } = "*";
    /// <summary>Hourly price (cloud rate); overrides the node's advertised price.</summary>
    public double? UsdPerHour { get; init; }
    /// <summary>Purchase price; amortized as purchase / (years × hours per year × utilization) when no hourly price is given.</summary>
    public double? PurchaseUsd { get; init; }
    public double AmortizationYears { get; init; } = 3;
    /// <summary>Share of the hours the machine does useful work (0..1].</summary>
    public double Utilization { get; init; } = 1;
    /// <summary>Power draw under load; overrides the node's advertised watts. Measured power wins when available.</summary>
    public double? Watts { get; init; }
}
