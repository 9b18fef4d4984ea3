using BenchCluster.Reporting.Comparing.Writing;
using BenchCluster.Reporting.Records;
using BenchCluster.Reporting.Selecting;
using BenchCluster.Testing.Reliability;
using static BenchCluster.Reporting.Tests.Quality.QualityFamily;

namespace BenchCluster.Reporting.Tests.Quality;

public sealed class BestWithQualityTests
{
    [Fact]
    public void The_cheapest_configuration_under_the_kld_bound_wins_and_every_other_row_says_why_it_lost()
    {
        var report = BestConfigurationSelector.Select(Run, Family(), BestObjective.Cost, quality: QualityBounds.Create(0.05, null, null));

        var group = Assert.Single(report.Groups);
        Assert.Equal("tg128", group.Scenario);
        Assert.Equal("q4_k_m", group.Best!.Result.Model);
        Assert.Equal(0.031, group.Best.KlDivergence!.Value, 1e-12);
        var rows = group.Rows.ToDictionary(r => r.Result.Model);
        Assert.Equal(["over the KLD bound: 0.082 > 0.05"], rows["q4_0"].Excluded);
        Assert.StartsWith("no quality measured (no quality point of this file on cpu-1", Assert.Single(rows["q2_k"].Excluded), StringComparison.Ordinal);
        Assert.Equal("dearer: 0.1500 > 0.1000 $/1M tok", rows["q8_0"].LostBecause);
        Assert.Equal("dearer: 0.3000 > 0.1000 $/1M tok", rows["f16"].LostBecause);
        Assert.Contains("kld", group.FrontierAxes);
        Assert.True(report.FoundAll);
    }

    [Fact]
    public void Without_a_bound_the_cheapest_file_wins_so_the_bound_is_what_changed_the_answer()
    {
        var report = BestConfigurationSelector.Select(Run, Family(), BestObjective.Cost);

        Assert.Equal("q2_k", Assert.Single(report.Groups).Best!.Result.Model);
    }

    [Fact]
    public void A_model_with_no_quality_measured_never_passes_any_quality_bound()
    {
        foreach (var bounds in new[] { QualityBounds.Create(1e9, null, null), QualityBounds.Create(null, 1e9, null), QualityBounds.Create(null, null, 0) })
        {
            var report = BestConfigurationSelector.Select(Run, QualityJoin.Attach([Speed("q2_k", 200, 0.05)]), BestObjective.Cost, quality: bounds);

            var group = Assert.Single(report.Groups);
            Assert.Null(group.Best);
            Assert.False(Assert.Single(group.Rows).IsCandidate);
            Assert.StartsWith("no quality measured", Assert.Single(group.Rows).Excluded[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_invalid_quality_point_is_not_joined_and_the_row_says_why()
    {
        var records = QualityJoin.Attach([Speed("q4_0", 150, 0.08), QualityPoint("q4_0", 0.01, valid: false)]);

        var report = BestConfigurationSelector.Select(Run, records, BestObjective.Cost, quality: QualityBounds.Create(0.05, null, null));

        var row = Assert.Single(Assert.Single(report.Groups).Rows);
        Assert.Null(row.Result.Quality);
        Assert.Contains("quality point q4_0/quality[ctx=512] is INVALID: repetition 0 failed", row.Excluded[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Quality_on_another_node_is_not_joined()
    {
        var records = QualityJoin.Attach([Speed("q8_0", 80, 0.15), QualityPoint("q8_0", 0.002, node: "gpu-1")]);

        Assert.Null(records.Single(r => r.ScenarioKind == "tg").Quality);
    }

    [Fact]
    public void Of_several_quality_points_of_a_file_the_worst_kld_is_joined_and_named()
    {
        var records = QualityJoin.Attach([Speed("q4_0", 150, 0.08), QualityPoint("q4_0", 0.02), QualityPoint("q4_0", 0.09, corpus: "wiki")]);

        var speed = records.Single(r => r.ScenarioKind == "tg");
        Assert.Equal(0.09, speed.Quality!.KlDivergenceMean!.Value, 1e-12);
        Assert.Equal(ResultQuality.Joined, speed.Quality.Source);
        Assert.Contains("worst of 2 quality points", speed.QualityNote, StringComparison.Ordinal);
    }

    [Fact]
    public void Top1_and_ppl_delta_bounds_exclude_with_the_figure()
    {
        var report = BestConfigurationSelector.Select(Run, Family(), BestObjective.Cost, quality: QualityBounds.Create(null, 0.1, 0.95));

        var group = Assert.Single(report.Groups);
        Assert.Equal("q8_0", group.Best!.Result.Model);
        var rows = group.Rows.ToDictionary(r => r.Result.Model);
        Assert.Contains("over the Δppl bound: 0.31 > 0.1", rows["q4_k_m"].Excluded);
        Assert.Contains("top-1 93.8 % < 95 %", rows["q4_k_m"].Excluded);
    }

    [Fact]
    public void The_quality_objective_picks_the_lowest_kld_and_the_others_lost_on_kld()
    {
        var report = BestConfigurationSelector.Select(Run, Family(), BestObjective.Quality);

        var group = Assert.Single(report.Groups);
        Assert.Equal("f16", group.Best!.Result.Model);
        var rows = group.Rows.ToDictionary(r => r.Result.Model);
        Assert.Equal("higher KLD: 0.002 > 0", rows["q8_0"].LostBecause);
        Assert.StartsWith("KLD not measured", rows["q2_k"].LostBecause, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_of_quality_points_alone_is_ranked_on_them()
    {
        var records = QualityJoin.Attach([QualityPoint("q8_0", 0.002), QualityPoint("q4_0", 0.08)]);

        var report = BestConfigurationSelector.Select(Run, records, BestObjective.Quality, quality: QualityBounds.Create(0.05, null, null));

        Assert.Equal("q8_0", Assert.Single(report.Groups).Best!.Result.Model);
    }

    [Fact]
    public void A_synthetic_best_is_labelled_as_random_weights()
    {
        var records = QualityJoin.Attach([Speed("q8_0", 80, 0.15), QualityPoint("q8_0", 0.002, synthetic: true)]);

        var group = Assert.Single(BestConfigurationSelector.Select(Run, records, BestObjective.Cost, quality: QualityBounds.Create(0.05, null, null)).Groups);

        Assert.Contains("numerical fidelity of random weights", group.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_written_answer_shows_kld_beside_cost_and_why_each_row_lost()
    {
        var report = BestConfigurationSelector.Select(Run, Family(), BestObjective.Cost, quality: QualityBounds.Create(0.05, null, null));
        using var text = new StringWriter();
        using var markdown = new StringWriter();

        await BestWriter.WriteAsync(report, ComparisonFormat.Table, text);
        await BestWriter.WriteAsync(report, ComparisonFormat.Markdown, markdown);

        var table = text.ToString();
        Assert.Contains("quality KLD ≤ 0.05", table, StringComparison.Ordinal);
        Assert.Contains("best = q4_k_m/tg128[threads=2] on cpu-1", table, StringComparison.Ordinal);
        Assert.Contains("KLD", table, StringComparison.Ordinal);
        Assert.Contains("over the KLD bound: 0.082 > 0.05", table, StringComparison.Ordinal);
        Assert.Contains("dearer: 0.1500 > 0.1000 $/1M tok", table, StringComparison.Ordinal);
        Assert.Contains("|---|---|---:|---:|---:|---:|---:|---:|---|", markdown.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.1, null, null, "max-kld")]
    [InlineData(double.NaN, null, null, "max-kld")]
    [InlineData(null, double.PositiveInfinity, null, "max-ppl-delta")]
    [InlineData(null, null, 90.0, "min-top1")]
    [InlineData(null, null, -0.5, "min-top1")]
    public void Bounds_that_are_not_figures_are_refused_naming_the_option(double? kld, double? delta, double? top1, string option)
    {
        var error = Assert.Throws<FormatException>(() => QualityBounds.Create(kld, delta, top1));

        Assert.StartsWith(option, error.Message, StringComparison.Ordinal);
        ReliabilityLog.BadInput(new BadInputRecord("best --max-kld/--max-ppl-delta/--min-top1", $"{option} {kld ?? delta ?? top1}", 1,
            "FormatException naming the option and the accepted range; nothing selected", nameof(Bounds_that_are_not_figures_are_refused_naming_the_option)));
    }
}
