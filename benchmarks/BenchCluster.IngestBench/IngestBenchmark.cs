using System.Diagnostics;
using BenchCluster.Storage;
using BenchCluster.Storage.Jobs;
using BenchCluster.Storage.Runs;
using BenchCluster.Storage.Samples;

namespace BenchCluster.IngestBench;

/// <summary>
/// Writes batches of sample rows through the COPY path and the row-by-row INSERT path, in interleaved rounds (the
/// order flips every round so drift on a shared machine hits both paths alike), each batch to a freshly claimed job
/// as a worker would. Job setup and row building happen before the clock starts.
/// </summary>
internal sealed class IngestBenchmark(BenchClusterDatabase database, IngestOptions options)
{
    private const string NodeName = "ingest-bench";
    private const int WarmupRound = 0;

    private readonly RowByRowSampleWriter rowByRow = new(database.DataSource);
    private int jobCounter;

    public async Task<IReadOnlyList<PathMeasurement>> RunAsync(IReadOnlyList<RowShape> shapes, Action<PathMeasurement> progress, CancellationToken cancellationToken)
    {
        var runId = Guid.NewGuid();
        await database.Runs.CreateAsync(new RunRow { RunId = runId, SuiteName = "ingest-bench", SuiteText = "", SubmittedBy = NodeName }, cancellationToken);
        var rows = shapes.ToDictionary(s => s, s => s.Build(options.BatchRows));
        foreach (var shape in shapes)
        {
            await MeasureAsync(runId, shape, rows[shape], PathMeasurement.Copy, 1, WarmupRound, cancellationToken);
            await MeasureAsync(runId, shape, rows[shape], PathMeasurement.Insert, 1, WarmupRound, cancellationToken);
        }

        var measurements = new List<PathMeasurement>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var shape in shapes)
            {
                string[] order = round % 2 == 1 ? [PathMeasurement.Copy, PathMeasurement.Insert] : [PathMeasurement.Insert, PathMeasurement.Copy];
                foreach (var path in order)
                {
                    var batches = path == PathMeasurement.Copy ? options.CopyBatches : options.InsertBatches;
                    var measurement = await MeasureAsync(runId, shape, rows[shape], path, batches, round, cancellationToken);
                    measurements.Add(measurement);
                    progress(measurement);
                }
            }
        }
        return measurements;
    }

    private async Task<PathMeasurement> MeasureAsync(
        Guid runId, RowShape shape, IReadOnlyList<SampleRow> rows, string path, int batches, int round, CancellationToken cancellationToken)
    {
        var jobs = await ClaimJobsAsync(runId, batches, cancellationToken);
        var clock = Stopwatch.StartNew();
        foreach (var (jobId, attempt) in jobs)
        {
            var result = path == PathMeasurement.Copy
                ? await database.Samples.WriteAsync(runId, jobId, attempt, rows, cancellationToken)
                : await rowByRow.WriteAsync(runId, jobId, attempt, rows, cancellationToken);
            if (result.RowsInserted != rows.Count)
                throw new InvalidOperationException($"{path} stored {result.RowsInserted} of {rows.Count} rows ({result.Outcome}); the benchmark expects every row to be new.");
        }
        clock.Stop();
        return new PathMeasurement(shape.Name, path, round, rows.Count * batches, clock.Elapsed.TotalSeconds);
    }

    private async Task<List<(Guid JobId, int Attempt)>> ClaimJobsAsync(Guid runId, int count, CancellationToken cancellationToken)
    {
        var jobs = Enumerable.Range(0, count).Select(_ => new JobRow
        {
            JobId = Guid.NewGuid(),
            RunId = runId,
            PointKey = $"point-{Interlocked.Increment(ref jobCounter)}",
            Repetition = 0,
            SpecJson = "{}",
            ModelRef = "none",
            Scenario = "ingest",
        }).ToList();
        await database.Jobs.InsertAsync(jobs, cancellationToken);
        var claimed = new List<(Guid, int)>();
        foreach (var job in jobs)
            claimed.Add((job.JobId, await database.Jobs.ClaimAsync(job.JobId, NodeName, cancellationToken) ?? throw new InvalidOperationException("claim failed")));
        return claimed;
    }
}
