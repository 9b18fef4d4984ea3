using System.Text.Json.Serialization;

namespace BenchCluster.Measurement.Suite;

[JsonConverter(typeof(JsonStringEnumConverter<DistributionKind>))]
public enum DistributionKind { Fixed, Uniform, Normal }
