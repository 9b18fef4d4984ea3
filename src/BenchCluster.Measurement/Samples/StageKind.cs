using System.Text.Json.Serialization;

namespace BenchCluster.Measurement.Samples;

/// <summary>What load a stage of a run applied.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StageKind>))]
public enum StageKind
{
    /// <summary>The one steady-load stage of a single-stage scenario.</summary>
    Steady,
    /// <summary>One request at a time (GuideLLM "synchronous").</summary>
    Synchronous,
    /// <summary>As many requests in flight as allowed (GuideLLM "throughput"): finds saturation.</summary>
    Throughput,
    /// <summary>Open-loop arrivals at a target rate.</summary>
    Rate,
}
