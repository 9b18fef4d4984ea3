using System.Text.Json.Serialization;

namespace BenchCluster.Reporting.Selecting;

/// <summary>What "best" means: cheapest per token, most tokens per second, or lowest latency.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BestObjective>))]
public enum BestObjective
{
    Cost,
    Throughput,
    Latency,
}
