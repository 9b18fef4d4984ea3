using BenchCluster.Engine.Timing;
using BenchCluster.EngineProcess.Jobs;
using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Samples;

namespace BenchCluster.Grains.Worker;

/// <summary>
/// An engine that answers every job at once with one trivial sample and measures nothing: for measuring the
/// cluster's own overhead (dispatch, grain calls, Postgres writes) without inference (`benchcluster worker --engine noop`).
/// Its results say so in their error-free but meaningless figures; never use it for a real benchmark.
/// </summary>
public sealed class NoopEngines : IModelEngineFactory
{
    public Task<IModelEngine> StartAsync(CatalogEntry model, int gpuLayers, CancellationToken cancellationToken) =>
        Task.FromResult<IModelEngine>(new Engine());

    private sealed class Engine : IModelEngine
    {
        public bool IsAlive => true;

        public string Description => "no-op engine";

        public Task<JobMeasurement> RunAsync(EngineRunRequest request, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var job = MeasurementJson.Deserialize<JobSpec>(request.JobSpecJson);
            var now = MonotonicClock.NowNs();
            var sample = new Sample { Seq = 0, Kind = SampleKind.Generation, SentNs = now, EndNs = now + 1, RequestedOutputTokens = 0 };
            return Task.FromResult(new JobMeasurement
            {
                PointId = job.Point.Id,
                Repetition = job.Repetition,
                Samples = [sample],
                MeasuredStartNs = now,
                MeasuredEndNs = now + 1,
            });
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
