namespace BenchCluster.IngestBench;

/// <summary>One timed set of batches written through one path.</summary>
internal sealed record PathMeasurement(string Shape, string Path, int Round, int Rows, double Seconds)
{
    public const string Copy = "COPY";
    public const string Insert = "INSERT";

    public double RowsPerSecond => Rows / Seconds;
}
