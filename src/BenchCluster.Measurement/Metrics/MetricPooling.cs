using System.Text.Json.Serialization;

namespace BenchCluster.Measurement.Metrics;

/// <summary>What one value of a metric stands for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MetricPooling>))]
public enum MetricPooling
{
    /// <summary>One value per successful request (or sequence), pooled over repetitions.</summary>
    PerRequest,
    /// <summary>One value per output token, pooled over requests and repetitions.</summary>
    PerToken,
    /// <summary>One value per repetition (throughputs, rates): the statistics describe run-to-run spread.</summary>
    PerRepetition,
}
