using BenchCluster.Measurement.Statistics;

namespace BenchCluster.Measurement.Metrics;

/// <summary>One derived metric of a stage with its statistics.</summary>
public sealed record MetricSummary(string Name, string Unit, MetricPooling Pooling, MetricStatistics Statistics);
