using System.Text.Json.Serialization;

namespace BenchCluster.Measurement.Suite;

/// <summary>What a worker node computes on.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeviceKind>))]
public enum DeviceKind { Cpu, Gpu }
