using System.Text.Json.Serialization;

namespace BenchCluster.Measurement.Suite;

/// <summary>How open-loop arrival times are spaced.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ArrivalKind>))]
public enum ArrivalKind
{
    /// <summary>Evenly spaced at 1/rate (GuideLLM "constant"; vLLM burstiness = inf).</summary>
    Constant,
    /// <summary>Exponential inter-arrivals (a Poisson process; vLLM burstiness = 1).</summary>
    Poisson,
    /// <summary>Gamma inter-arrivals with shape = burstiness and mean 1/rate (vLLM).</summary>
    Gamma,
}
