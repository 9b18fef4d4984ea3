namespace BenchCluster.IngestBench;

/// <summary>How much the benchmark writes: every timed set is <c>batches × BatchRows</c> rows, one job per batch.</summary>
internal sealed record IngestOptions(int BatchRows, int CopyBatches, int InsertBatches, int Rounds, int Events);
