using BenchCluster.Measurement.Samples;

namespace BenchCluster.Measurement.Scenarios;

/// <summary>What one driver run produced: its samples and the stage it ran as.</summary>
internal sealed record StageRun(IReadOnlyList<Sample> Samples, StageInfo Stage);
