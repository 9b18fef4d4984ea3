using BenchCluster.EngineChild;
using BenchCluster.EngineProcess.Jobs;
using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Quality;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Suite;
using System.Diagnostics;
using BenchCluster.Testing;
using BenchCluster.Testing.Reliability;
using Microsoft.Extensions.Logging.Abstractions;

namespace BenchCluster.EngineProcess.Tests;

/// <summary>
/// The quality job in the engine child's handler on forged tiny models: a model against itself agrees completely,
/// against a differently seeded forge it does not, and the reference is loaded only when its cache misses.
/// </summary>
public sealed class QualityJobTests
{
    private static JobSpec Job(string? referenceSha256, int windows = 3, string? tasks = null) =>
        QualityJobSpecs.Create(
            new QualitySpec { ContextTokens = 64, MaxWindows = windows, Tasks = tasks, MaxTasks = 6 },
            referenceSha256 is null ? null : new QualityReferenceModel("reference", referenceSha256, null));

    private static async Task<JobMeasurement> RunAsync(string modelPath, string? referencePath, string cacheFolder, string? referenceSha256 = null, string? tasks = null)
    {
        await using var handler = new InferenceJobHandler(NullLoggerFactory.Instance);
        await handler.LoadAsync(MeasurementJson.Serialize(new EngineLoadRequest(modelPath, 0)), CancellationToken.None);
        var sha = referenceSha256 ?? (referencePath is null ? null : await BenchCluster.Gguf.ModelFileDigest.GetSha256Async(referencePath));
        var request = new EngineRunRequest(MeasurementJson.Serialize(Job(sha, tasks: tasks)), "test-node", new EngineQualityFiles(referencePath, sha, cacheFolder));
        return MeasurementJson.Deserialize<JobMeasurement>(await handler.RunAsync(MeasurementJson.Serialize(request), CancellationToken.None));
    }

    [Fact]
    public async Task The_tiny_model_against_itself_has_zero_kl_and_full_top1_agreement()
    {
        var cache = RepositoryPaths.Scratch(Path.Combine(nameof(QualityJobTests), "self"));
        Directory.Delete(cache, recursive: true);
        var path = TestModels.TinyModelPath;

        var measurement = await RunAsync(path, path, cache);

        Assert.Null(measurement.Error);
        var quality = Assert.IsType<QualityMeasurement>(measurement.Quality);
        Assert.Equal(3, quality.Windows);
        Assert.Equal(3 * 31, quality.ScoredTokens);
        Assert.True(quality.IsSyntheticModel);
        Assert.True(quality.Perplexity > 1);
        var reference = Assert.IsType<QualityReferenceComparison>(quality.Reference);
        Assert.InRange(reference.KlDivergenceMean, -1e-6, 1e-6);
        Assert.Equal(1.0, reference.Top1Agreement);
        Assert.Equal(quality.Perplexity, reference.ReferencePerplexity, 6);
        Assert.Equal("computed", reference.ReferenceSource);
    }

    [Fact]
    public async Task A_differently_seeded_forge_diverges_and_the_second_job_reads_the_reference_from_the_cache()
    {
        var cache = RepositoryPaths.Scratch(Path.Combine(nameof(QualityJobTests), "seeded"));
        Directory.Delete(cache, recursive: true);
        var reference = TestModels.TinyModelPath;
        var model = TestModels.Get("tiny", "f16", seed: 1);

        var first = await RunAsync(model, reference, cache);
        var cacheFiles = Directory.GetFiles(cache);
        var second = await RunAsync(model, reference, cache);

        Assert.Null(first.Error);
        Assert.True(first.Quality!.Reference!.KlDivergenceMean > 0);
        Assert.True(first.Quality.Reference.Top1Agreement < 1);
        Assert.Single(cacheFiles);
        Assert.Equal($"cache:{cacheFiles[0]}", second.Quality!.Reference!.ReferenceSource);
        Assert.Equal(first.Quality.Reference.KlDivergenceMean, second.Quality.Reference.KlDivergenceMean, 9);
    }

    [Fact]
    public async Task Perplexity_alone_needs_no_reference_and_task_accuracy_comes_from_the_task_file()
    {
        var measurement = await RunAsync(TestModels.TinyModelPath, null, RepositoryPaths.Scratch(nameof(QualityJobTests)), tasks: "bundled");

        Assert.Null(measurement.Error);
        Assert.Null(measurement.Quality!.Reference);
        Assert.True(measurement.Quality.ScoredTokensPerSecond > 0);
        var tasks = Assert.IsType<QualityTaskScore>(measurement.Quality.Tasks);
        Assert.Equal(6, tasks.TaskCount);
        Assert.Equal(64, tasks.TaskSha256.Length);
        Assert.Equal(Math.Round(tasks.Accuracy * 6), tasks.Accuracy * 6, 9); // a whole number of tasks won
    }

    [Fact]
    public async Task A_reference_file_that_went_missing_is_refused_naming_it_before_any_compute()
    {
        var cache = RepositoryPaths.Scratch(Path.Combine(nameof(QualityJobTests), "missing"));
        var gone = Path.Combine(cache, "deleted-reference.gguf");
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<QualityInputException>(() => RunAsync(TestModels.TinyModelPath, gone, cache, referenceSha256: "00ff"));
        clock.Stop();

        Assert.Contains(gone, error.Message);
        Assert.Contains("missing", error.Message);
        Assert.Empty(Directory.GetFiles(cache));
        ReliabilityLog.BadInput(new BadInputRecord("quality reference", "reference GGUF deleted after the worker catalogued it", 1,
            $"error naming the file and the fix in {clock.Elapsed.TotalMilliseconds:F0} ms (model load included), no window scored",
            nameof(A_reference_file_that_went_missing_is_refused_naming_it_before_any_compute)));
    }
}
