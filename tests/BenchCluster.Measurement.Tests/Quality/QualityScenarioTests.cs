using System.Diagnostics;
using BenchCluster.Measurement.Quality;
using BenchCluster.Measurement.Quality.Cache;
using BenchCluster.Measurement.Quality.Corpora;
using BenchCluster.Measurement.Quality.Scoring;
using BenchCluster.Measurement.Quality.Tasks;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Scenarios;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Tests.Scenarios;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Measurement.Tests.Quality;

/// <summary>The quality scenario on deterministic stand-in models: the reference is computed once, cached, and compared.</summary>
public sealed class QualityScenarioTests
{
    private static readonly CorpusText Corpus = new("test corpus", "corpus-sha",
        string.Concat(Enumerable.Repeat("the quick brown fox jumps over the lazy dog; ", 20)));

    private static QualityInputs Inputs(QualityReferenceSource? reference, string folder, int context = 64) => new()
    {
        Spec = new QualitySpec { ContextTokens = context },
        Corpus = Corpus,
        Reference = reference,
        Cache = new ReferenceLogProbCache(folder, ReferenceLogProbCache.DefaultMaxBytes),
    };

    [Fact]
    public async Task A_model_against_itself_has_zero_kl_full_top1_agreement_and_no_perplexity_change()
    {
        using var files = new QualityTempFiles();
        var model = new FakeQualityModel(seed: 0);

        var result = await QualityScenario.RunAsync(model, Inputs(new FakeQualityModel(0).AsReference(), files.Folder), null, CancellationToken.None);

        var reference = Assert.IsType<QualityReferenceComparison>(result.Reference);
        Assert.InRange(reference.KlDivergenceMean, -1e-6, 1e-6);
        Assert.InRange(reference.KlDivergenceMax, -1e-5, 1e-5);
        Assert.Equal(1.0, reference.Top1Agreement);
        Assert.Equal(0, reference.DeltaPerplexity, 9);
        Assert.Equal("computed", reference.ReferenceSource);
        Assert.Equal(901 / 64, result.Windows);
        Assert.Equal(result.Windows * 31L, result.ScoredTokens);
        Assert.True(result.Perplexity > 1);
    }

    [Fact]
    public async Task A_different_model_has_positive_kl_and_the_second_job_reads_the_cache_without_loading_the_reference()
    {
        using var files = new QualityTempFiles();
        var loads = 0;
        var reference = new FakeQualityModel(seed: 0).AsReference(() => loads++);

        var first = await QualityScenario.RunAsync(new FakeQualityModel(seed: 5), Inputs(reference, files.Folder), null, CancellationToken.None);
        var second = await QualityScenario.RunAsync(new FakeQualityModel(seed: 5), Inputs(reference, files.Folder), null, CancellationToken.None);

        Assert.Equal(1, loads);
        Assert.True(first.Reference!.KlDivergenceMean > 0.01);
        Assert.True(first.Reference.KlDivergenceP99 >= first.Reference.KlDivergenceMedian);
        Assert.Equal("computed", first.Reference.ReferenceSource);
        Assert.StartsWith("cache:", second.Reference!.ReferenceSource);
        Assert.Equal(first.Reference.KlDivergenceMean, second.Reference.KlDivergenceMean, 12);
        Assert.Equal(first.Perplexity, second.Perplexity, 12);
    }

    [Fact]
    public async Task A_reference_with_another_vocabulary_is_refused_before_any_window_is_scored()
    {
        using var files = new QualityTempFiles();
        var model = new FakeQualityModel(seed: 0);
        var other = new FakeQualityModel(seed: 0, tokenTexts: "other texts");
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<QualityInputException>(() =>
            QualityScenario.RunAsync(model, Inputs(other.AsReference(), files.Folder), null, CancellationToken.None));
        clock.Stop();

        Assert.Contains(other.Name, error.Message);
        Assert.Contains("token texts", error.Message);
        Assert.Contains("quality.reference", error.Message);
        Assert.Equal(0, model.ScoreCalls);
        Assert.Equal(0, other.ScoreCalls);
        Assert.Empty(Directory.GetFiles(files.Folder, "*", SearchOption.AllDirectories));
        ReliabilityLog.BadInput(new BadInputRecord("quality reference", "reference GGUF whose token texts differ from the model's", 1,
            $"error naming the reference, the difference and the setting in {clock.Elapsed.TotalMilliseconds:F1} ms, no window decoded",
            nameof(A_reference_with_another_vocabulary_is_refused_before_any_window_is_scored)));
    }

    [Fact]
    public async Task A_corpus_shorter_than_one_window_is_refused_before_the_reference_is_loaded()
    {
        using var files = new QualityTempFiles();
        var loads = 0;
        var model = new FakeQualityModel(seed: 0);

        await Assert.ThrowsAsync<QualityInputException>(() =>
            QualityScenario.RunAsync(model, Inputs(model.AsReference(() => loads++), files.Folder, context: 4096), null, CancellationToken.None));

        Assert.Equal(0, loads);
        Assert.Equal(0, model.ScoreCalls);
    }

    [Fact]
    public async Task Multiple_choice_picks_the_ending_with_the_highest_average_log_probability()
    {
        // The fake favours token t + 1 after t: "bcd" continues "a" better than "zqx" does.
        var tasks = new TaskFile("tasks.jsonl", "tasks-sha", [
            new QualityTask("a", ["zqx", "bcd"], 0),
            new QualityTask("a", ["zqx", "bcd"], 1),
            new QualityTask("abc", ["def", "qqq", "mmm"], 0),
        ]);

        var score = await MultipleChoiceScorer.ScoreAsync(new FakeQualityModel(seed: 0), tasks, 64, CancellationToken.None);

        Assert.Equal(3, score.TaskCount);
        Assert.Equal(2.0 / 3, score.Accuracy, 12);
        Assert.Equal(Math.Sqrt(2.0 / 3 * (1.0 / 3) / 2), score.AccuracyError, 12);
        Assert.Equal("tasks-sha", score.TaskSha256);
    }

    [Fact]
    public void The_common_prefix_of_the_endings_is_scored_from_and_leaves_each_ending_a_token()
    {
        Assert.Equal(3, MultipleChoiceScorer.CommonPrefix([[0, 5, 6, 7, 8], [0, 5, 6, 9], [0, 5, 6, 7]]));
        Assert.Equal(1, MultipleChoiceScorer.CommonPrefix([[0, 5], [0, 5]]));
    }

    [Fact]
    public async Task The_runner_fills_the_job_s_quality_and_turns_bad_input_into_the_job_s_error()
    {
        using var files = new QualityTempFiles();
        var job = Jobs.From("{kind: pp, prompt_tokens: 8}").With(s => s with { Kind = ScenarioKind.Quality }) with { MeasurePower = false };
        var runner = new ScenarioRunner();

        var measured = await runner.RunAsync(job, new FakeQualityModel(0), Inputs(null, files.Folder), session: null);
        var refused = await runner.RunAsync(job, new FakeQualityModel(0), Inputs(null, files.Folder, context: 4096), session: null);

        Assert.Null(measured.Error);
        Assert.Equal(14, measured.Quality!.Windows);
        Assert.True(measured.MeasuredEndNs >= measured.MeasuredStartNs);
        Assert.Equal(14, measured.Samples.Count); // one Prompt sample per window, so the job measured something
        Assert.All(measured.Samples, s => Assert.Equal((SampleKind.Prompt, 64, false), (s.Kind, s.PromptTokens, s.IsWarmup)));
        Assert.Empty(refused.Samples);
        Assert.Null(refused.Quality);
        Assert.Contains("shorter than one window", refused.Error);
    }
}
