using BenchCluster.Engine.Inference;
using BenchCluster.EngineProcess.Jobs;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Quality;
using BenchCluster.Measurement.Quality.Cache;
using BenchCluster.Measurement.Quality.Corpora;
using BenchCluster.Measurement.Quality.Tasks;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Scenarios;
using Microsoft.Extensions.Logging;

namespace BenchCluster.EngineChild;

/// <summary>
/// A quality job in the engine child: a session of n_ctx = the spec's ContextTokens on the loaded model, and, only
/// when the reference cache misses, the reference loaded in this same child for the time its rows take, then freed.
/// </summary>
internal static class QualityJobRunner
{
    public static async Task<JobMeasurement> RunAsync(ScenarioRunner runner, JobSpec job, LlamaBackend backend, EngineQualityFiles? files,
        ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var spec = job.Scenario.Quality;
        var options = SessionOptions(job);
        // Files are read and checked before the session's memory is allocated; corpus and task files only from under
        // the workload data folder this child inherits from its worker (BENCHCLUSTER_WORKLOAD_DATA).
        var inputs = new QualityInputs
        {
            Spec = spec,
            Corpus = CorpusSource.Load(spec.Corpus),
            Reference = Reference(job, files, options, loggerFactory),
            Cache = files is null ? null : new ReferenceLogProbCache(files.CacheFolder, CacheBound()),
            Tasks = spec.Tasks is null ? null : TaskFileReader.Read(spec.Tasks, spec.MaxTasks),
        };
        await using var session = (LlamaSession)await backend.CreateSessionAsync(options, cancellationToken);
        var model = await SessionQualityModel.CreateAsync(session, cancellationToken);
        return await runner.RunAsync(job, model, inputs, options, cancellationToken);
    }

    /// <summary>One sequence of exactly the window; batches no larger than the window, as llama-perplexity -b n_ctx runs.</summary>
    internal static SessionOptions SessionOptions(JobSpec job)
    {
        var context = job.Scenario.Quality.ContextTokens;
        var options = EngineSettings.SessionOptions(job);
        var batch = Math.Min(options.BatchSize, context);
        return options with { MaxSequences = 1, ContextSize = context, BatchSize = batch, MicroBatchSize = Math.Min(options.MicroBatchSize, batch) };
    }

    private static QualityReferenceSource? Reference(JobSpec job, EngineQualityFiles? files, SessionOptions options, ILoggerFactory loggerFactory)
    {
        if (job.Reference is null)
            return null;
        if (files?.ReferencePath is not { } path || files.ReferenceSha256 is not { } sha256)
            throw new QualityInputException(job.Reference.Name, $"The quality job names the reference {job.Reference.Name} but the worker sent no file for it: run it on a worker whose model folders hold it.");
        if (!File.Exists(path))
            throw new QualityInputException(path, $"The reference file {path} ({job.Reference.Name}) is missing: put it back in the worker's model folders or name another reference.");
        return new QualityReferenceSource(job.Reference.Name, sha256, async cancellationToken =>
        {
            var backend = await LlamaBackend.LoadAsync(path, EngineSettings.LoadOptions(job), loggerFactory, cancellationToken);
            try
            {
                var session = (LlamaSession)await backend.CreateSessionAsync(options, cancellationToken);
                var owner = new SessionAndBackend(session, backend);
                try
                {
                    return new OpenedQualityReference(await SessionQualityModel.CreateAsync(session, cancellationToken), owner);
                }
                catch
                {
                    await session.DisposeAsync();
                    throw;
                }
            }
            catch
            {
                await backend.DisposeAsync();
                throw;
            }
        });
    }

    private static long CacheBound() =>
        long.TryParse(Environment.GetEnvironmentVariable(ReferenceLogProbCache.MaxBytesVariable), out var bytes) && bytes > 0
            ? bytes
            : ReferenceLogProbCache.DefaultMaxBytes;

    private sealed class SessionAndBackend(LlamaSession session, LlamaBackend backend) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await session.DisposeAsync();
            await backend.DisposeAsync();
        }
    }
}
