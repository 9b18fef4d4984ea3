using System.Text.Json.Serialization;

namespace BenchCluster.Reporting.Selecting;

/// <summary>What "best" means: cheapest per token, most tokens per second, lowest latency, or lowest KL-divergence.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BestObjective>))]
public enum BestObjective
{
    Cost,
    Throughput,
    Latency,
    /// <summary>Lowest mean KL-divergence against the reference (lowest perplexity where no row has a reference).</summary>
    Quality,
}
