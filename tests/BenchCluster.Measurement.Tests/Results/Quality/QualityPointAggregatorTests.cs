using BenchCluster.Measurement.Cost;
using BenchCluster.Measurement.Metrics;
using BenchCluster.Measurement.Results;
using BenchCluster.Measurement.Results.QualityPoints;
using static BenchCluster.Measurement.Tests.Results.Quality.QualityScores;

namespace BenchCluster.Measurement.Tests.Results.Quality;

public sealed class QualityPointAggregatorTests
{
    private static readonly CostInputs Node = new() { HardwareUsdPerHour = 3.6 };

    [Fact]
    public void Agreeing_repetitions_give_their_scores_and_scored_tokens_per_second_as_the_headline()
    {
        var job = Job();
        var reps = new[] { 240.0, 250, 260 }.Select((rate, i) => Repetition(job, i, Scores(scoredPerSecond: rate))).ToList();

        var result = ResultAggregator.Aggregate(job.Point, job, reps, Node);

        Assert.True(result.Verdict.IsValid, string.Join("; ", result.Verdict.Reasons));
        Assert.Empty(result.Verdict.Warnings);
        Assert.NotNull(result.Quality);
        Assert.Equal(0.0312, result.Quality.Reference!.KlDivergenceMean, 1e-12);
        Assert.Equal(12.5, result.Quality.Perplexity, 1e-12);
        Assert.Equal(250, result.Quality.ScoredTokensPerSecond, 1e-9);
        var headline = result.Headline!.Metric(MetricNames.Headline(result.Kind))!;
        Assert.Equal(MetricNames.ScoredTokensPerSecond, headline.Name);
        Assert.Equal(3, headline.Statistics.N);
        Assert.Equal(250, headline.Statistics.Mean!.Value, 1e-9);
        Assert.Equal(10, headline.Statistics.StdDev!.Value, 1e-9);
        Assert.Equal([240.0, 250, 260], result.HeadlineValues!);
        Assert.Equal(3, result.RepetitionsMeasured);
        Assert.Null(result.Cost);
    }

    [Fact]
    public void Repetitions_whose_scores_differ_give_a_warning_naming_the_figure_but_stay_valid()
    {
        var job = Job();
        var reps = new[] { 0.0312, 0.0312, 0.0400 }.Select((kld, i) => Repetition(job, i, Scores(kld))).ToList();

        var result = ResultAggregator.Aggregate(job.Point, job, reps, Node);

        Assert.True(result.Verdict.IsValid);
        var warning = Assert.Single(result.Verdict.Warnings, w => w.Contains("mean KL-divergence", StringComparison.Ordinal));
        Assert.Contains("repetition 2", warning, StringComparison.Ordinal);
        Assert.Equal(0.0312, result.Quality!.Reference!.KlDivergenceMean, 1e-12);
    }

    [Fact]
    public void Differences_within_the_tolerance_are_agreement()
    {
        var job = Job();
        var reps = new[] { 0.0312, 0.0312 * (1 + QualityAgreement.RelativeTolerance / 10), 0.0312 }
            .Select((kld, i) => Repetition(job, i, Scores(kld))).ToList();

        var result = ResultAggregator.Aggregate(job.Point, job, reps, Node);

        Assert.Empty(result.Verdict.Warnings);
    }

    [Fact]
    public void Repetitions_over_another_corpus_cannot_be_pooled()
    {
        var job = Job(2);
        var reps = new[] { Repetition(job, 0, Scores()), Repetition(job, 1, Scores() with { CorpusSha256 = new string('d', 64) }) };

        var result = ResultAggregator.Aggregate(job.Point, job, reps, Node);

        Assert.False(result.Verdict.IsValid);
        Assert.Contains(result.Verdict.Reasons, r => r.Contains("corpus SHA-256", StringComparison.Ordinal) && r.Contains("repetition 1", StringComparison.Ordinal));
    }

    [Fact]
    public void A_failed_repetition_makes_the_point_invalid_and_the_reason_names_it()
    {
        var job = Job();
        var reps = new[] { Repetition(job, 0, Scores()), Repetition(job, 1, null, "engine child exited with code 139"), Repetition(job, 2, Scores()) };

        var result = ResultAggregator.Aggregate(job.Point, job, reps, Node);

        Assert.False(result.Verdict.IsValid);
        Assert.Contains("repetition 1 failed: engine child exited with code 139", result.Verdict.Reasons);
        Assert.Equal(2, result.RepetitionsMeasured);
        Assert.NotNull(result.Quality);
    }

    [Fact]
    public void A_repetition_without_scores_or_a_missing_one_is_a_reason()
    {
        var job = Job();
        var reps = new[] { Repetition(job, 0, Scores()), Repetition(job, 1, null) };

        var result = ResultAggregator.Aggregate(job.Point, job, reps, Node);

        Assert.False(result.Verdict.IsValid);
        Assert.Contains(result.Verdict.Reasons, r => r.StartsWith("repetition 1 reported no quality figures", StringComparison.Ordinal));
        Assert.Contains("2 of 3 repetitions reported", result.Verdict.Reasons);
    }

    [Fact]
    public void No_scores_at_all_is_no_quality_measured_and_no_headline()
    {
        var job = Job(1);

        var result = ResultAggregator.Aggregate(job.Point, job, [Repetition(job, 0, null, "corpus shorter than one window")], Node);

        Assert.False(result.Verdict.IsValid);
        Assert.Contains("no quality measured", result.Verdict.Reasons);
        Assert.Null(result.Quality);
        Assert.Null(result.Headline);
    }

    [Fact]
    public void A_perplexity_that_is_not_a_number_is_a_failed_measurement()
    {
        var job = Job(1);

        var result = ResultAggregator.Aggregate(job.Point, job, [Repetition(job, 0, Scores() with { Perplexity = double.NaN })], Node);

        Assert.False(result.Verdict.IsValid);
        Assert.Contains(result.Verdict.Reasons, r => r.StartsWith("perplexity is NaN", StringComparison.Ordinal));
    }

    [Fact]
    public void A_synthetic_models_scores_carry_the_random_weights_label()
    {
        var job = Job(1);

        var result = ResultAggregator.Aggregate(job.Point, job, [Repetition(job, 0, Scores(synthetic: true))], Node);

        Assert.True(result.Verdict.IsValid);
        Assert.Contains(QualityPointAggregator.SyntheticWarning, result.Verdict.Warnings);
        Assert.True(result.Quality!.IsSyntheticModel);
    }
}
