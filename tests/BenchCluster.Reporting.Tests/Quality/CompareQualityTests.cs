using BenchCluster.Reporting.Comparing;
using BenchCluster.Reporting.Comparing.Writing;
using BenchCluster.Reporting.Records;
using static BenchCluster.Reporting.Tests.Comparing.ComparisonRecords;
using static BenchCluster.Reporting.Tests.Quality.QualityFamily;

namespace BenchCluster.Reporting.Tests.Quality;

public sealed class CompareQualityTests
{
    private static ComparisonReport Compare(ResultRecord before, ResultRecord after) => RunComparer.Compare(BaseRun, [before], NewRun, [after]);

    [Fact]
    public void A_kld_that_rose_beyond_threshold_and_errors_is_a_regression_naming_the_figure()
    {
        var report = Compare(QualityPoint("q4_0", 0.031), QualityPoint("q4_0", 0.045));

        var point = Assert.Single(report.Points);
        Assert.True(point.IsRegression);
        var worse = Assert.Single(point.Quality, q => q.IsWorse);
        Assert.Equal("kld_mean", worse.Metric);
        Assert.True(worse.Z > 5);
        Assert.DoesNotContain(point.Quality, q => q.Metric == "perplexity" && q.IsWorse);
        Assert.Equal(1, report.Regressions);
    }

    [Fact]
    public void A_rise_within_the_standard_errors_is_not_a_regression()
    {
        var report = Compare(QualityPoint("q4_0", 0.031), QualityPoint("q4_0", 0.033));

        var point = Assert.Single(report.Points);
        Assert.False(point.IsRegression);
        Assert.False(Assert.Single(point.Quality, q => q.Metric == "kld_mean").IsWorse);
    }

    [Fact]
    public void A_lower_kld_is_better_never_a_regression()
    {
        var report = Compare(QualityPoint("q4_0", 0.045), QualityPoint("q4_0", 0.031));

        var point = Assert.Single(report.Points);
        Assert.False(point.IsRegression);
        Assert.True(Assert.Single(point.Quality, q => q.Metric == "kld_mean").IsBetter);
    }

    [Fact]
    public void A_top1_agreement_that_fell_is_worse()
    {
        var after = QualityPoint("q4_0", 0.031);
        after = after with { Quality = after.Quality! with { Top1Agreement = 0.80 } };

        var point = Assert.Single(Compare(QualityPoint("q4_0", 0.031), after).Points);

        Assert.True(point.IsRegression);
        Assert.Equal("top1_agreement", Assert.Single(point.Quality, q => q.IsWorse).Metric);
    }

    [Fact]
    public void Scores_over_another_corpus_are_not_compared_and_the_note_says_why()
    {
        var after = QualityPoint("q4_0", 0.5);
        after = after with { Quality = after.Quality! with { CorpusSha256 = new string('e', 64) } };

        var point = Assert.Single(Compare(QualityPoint("q4_0", 0.031), after).Points);

        Assert.False(point.IsRegression);
        Assert.Empty(point.Quality);
        Assert.Equal("quality not compared: the corpus or the context size differs", point.QualityNote);
    }

    [Fact]
    public void Joined_quality_on_speed_points_is_not_compared_twice()
    {
        var before = Assert.Single(QualityJoin.Attach([Speed("q4_0", 150, 0.08), QualityPoint("q4_0", 0.031)]), r => r.ScenarioKind == "tg");
        var after = Assert.Single(QualityJoin.Attach([Speed("q4_0", 150, 0.08), QualityPoint("q4_0", 0.5)]), r => r.ScenarioKind == "tg");

        var point = Assert.Single(Compare(before, after).Points);

        Assert.Empty(point.Quality);
        Assert.False(point.IsRegression);
    }

    [Fact]
    public async Task Table_and_markdown_name_the_worse_figure_with_its_errors()
    {
        var report = Compare(QualityPoint("q4_0", 0.031), QualityPoint("q4_0", 0.045));
        using var table = new StringWriter();
        using var markdown = new StringWriter();

        await ComparisonWriter.WriteAsync(report, ComparisonFormat.Table, table);
        await ComparisonWriter.WriteAsync(report, ComparisonFormat.Markdown, markdown);

        Assert.True(table.ToString().Contains("WORSE kld_mean 0.031 ± 0.0015 → 0.045 ± 0.0022 (+45.2 %", StringComparison.Ordinal), table.ToString());
        Assert.Contains("REGRESSION", table.ToString(), StringComparison.Ordinal);
        Assert.Contains("Quality points (higher perplexity or KL-divergence", markdown.ToString(), StringComparison.Ordinal);
    }
}
