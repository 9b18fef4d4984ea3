using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Jobs;
using BenchCluster.Remote;
using BenchCluster.Grains.Fleet;
using BenchCluster.Grains.Placement;
using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Remote;
using BenchCluster.Measurement.Scenarios;
using Microsoft.Extensions.Logging;

namespace BenchCluster.Grains.Worker;

/// <summary>
/// Benchmarks a remote OpenAI-compatible endpoint from this node (key: node name). Only HTTP, no native code,
/// so it runs inside the silo. The API key is read from the environment variable the suite names, on this node, and
/// only when this node's operator allowed that variable (worker --api-key-env).
/// </summary>
[NodePlacement]
public sealed class EndpointGrain(WorkerContext worker, MeasurementPublisher publisher, ILogger<EndpointGrain> logger)
    : Grain, IEndpointGrain
{
    public async Task<IReadOnlyList<JobOutcome>> RunJobsAsync(IReadOnlyList<JobAssignment> assignments, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<JobOutcome>(assignments.Count);
        foreach (var assignment in assignments)
            outcomes.Add(await RunJobAsync(assignment, cancellationToken));
        return outcomes;
    }

    private async Task<JobOutcome> RunJobAsync(JobAssignment assignment, CancellationToken cancellationToken)
    {
        var job = MeasurementJson.Deserialize<JobSpec>(assignment.JobSpecJson);
        var endpoint = job.Model.Endpoint;
        if (endpoint is null)
            return JobOutcome.Failed(assignment, $"model {job.Model.Name} is not a remote endpoint");

        await worker.JobGate.WaitAsync(cancellationToken);
        try
        {
            // The backend checks the URL and the key variable against this node's rules before it can send anything:
            // the job arrived as JSON, and nothing guarantees it passed the coordinator's parser.
            await using var backend = new OpenAiCompatibleBackend(EndpointBackendOptions.Create(endpoint, worker.ApiKeyVariables));
            logger.LogInformation("job {JobId} attempt {Attempt}: {Point} rep {Repetition} against {Backend}",
                assignment.JobId, assignment.Attempt, job.Point.Label, job.Repetition, backend);
            var runner = new ScenarioRunner(new RunEnvironment { NodeName = worker.NodeName, Fleet = new GrainFleetRendezvous(GrainFactory, assignment.RunId) });
            var measurement = await runner.RunAsync(job, backend, tokenizer: null, cancellationToken);
            return await publisher.PublishAsync(assignment, MeasurementScrubber.Scrub(measurement, backend.Scrub), cancellationToken);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or UriFormatException)
        {
            // Named by the model, not the URL: a refused URL may carry a password.
            logger.LogWarning("job {JobId}: endpoint model {Model} refused: {Reason}", assignment.JobId, job.Model.Name, e.Message);
            return JobOutcome.Failed(assignment, $"endpoint model {job.Model.Name}: {e.Message}");
        }
        finally
        {
            worker.JobGate.Release();
        }
    }
}
