using BenchCluster.Measurement.Cost;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Metrics;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Validity;
using BenchCluster.Reporting.Records;

namespace BenchCluster.Reporting.Tests.Records;

public sealed class ResultRecordFactoryTests
{
    [Fact]
    public void Request_level_result_carries_latency_percentiles_error_rate_goodput_and_cost()
    {
        var point = SampleResults.Point(ScenarioKind.Concurrency, "chat", new JobParameters { Threads = 2, Concurrency = 4 },
        [
            SampleResults.Metric(MetricNames.OutputTokenThroughput, "tokens/s", MetricPooling.PerRepetition, 40, 42, 44),
            SampleResults.Metric(MetricNames.TtftMs, "ms", MetricPooling.PerRequest, 10, 20, 30, 40, 50),
            SampleResults.Metric(MetricNames.TpotMs, "ms", MetricPooling.PerRequest, 5, 6, 7),
            SampleResults.Metric(MetricNames.ItlMs, "ms", MetricPooling.PerToken, 4, 5, 6, 7),
            SampleResults.Metric(MetricNames.E2elMs, "ms", MetricPooling.PerRequest, 100, 200, 300),
            SampleResults.Metric(MetricNames.ErrorRate, "", MetricPooling.PerRepetition, 0, 0.1, 0.2),
            SampleResults.Metric(MetricNames.Goodput, "requests/s", MetricPooling.PerRepetition, 1, 2, 3),
        ], new CostBreakdown { UsdPerHour = 0.5, WorkloadUsdPerMillion = 1.25, UsdPerRequest = 0.001, Watts = 60, WattsSource = "measured:rapl" });

        var record = ResultRecordFactory.FromView(SampleResults.View(point));

        Assert.Equal("concurrency", record.ScenarioKind);
        Assert.Equal(MetricNames.OutputTokenThroughput, record.HeadlineMetric);
        Assert.Equal(42, record.TokensPerSecond!.Value, 9);
        Assert.Equal(30, record.TtftMs!.P50!.Value, 9);
        Assert.Equal(5, record.TtftMs.Count);
        Assert.NotNull(record.TpotMs);
        Assert.NotNull(record.ItlMs);
        Assert.Equal(200, record.E2elMs!.P50!.Value, 9);
        Assert.Equal(0.1, record.ErrorRate!.Value, 9);
        Assert.Equal(2, record.Goodput!.Value, 9);
        Assert.Equal(1.25, record.Cost.UsdPerMTokWorkload);
        Assert.Equal(0.001, record.Cost.UsdPerRequest);
        Assert.Equal(60.0 / 42, record.Energy!.JoulesPerToken!.Value, 9);
        Assert.True(record.Energy.IsMeasured);
        Assert.Equal(4, record.Settings.Concurrency);
        Assert.Equal(new string('a', 64), record.ModelSha256);
        Assert.Contains(record.Metrics, m => m.Name == MetricNames.TtftMs && m.P99 is not null);
    }

    [Fact]
    public void The_stored_energy_breakdown_reaches_the_record_with_both_powers()
    {
        var point = SampleResults.Point(ScenarioKind.Tg, "tg128", new JobParameters { Threads = 1 },
            [SampleResults.Metric(MetricNames.TokensPerSecond, "tokens/s", MetricPooling.PerRepetition, 50, 50, 50)]) with
        {
            Energy = new EnergyBreakdown
            {
                ConfiguredWatts = 80, Watts = 80, Source = PowerSources.Configured, JoulesPerOutputToken = 1.6, OutputTokensPerJoule = 0.625,
                Notes = ["rapl: /sys/class/powercap does not exist"],
            },
        };

        var energy = ResultRecordFactory.FromView(SampleResults.View(point)).Energy!;

        Assert.Equal(80, energy.ConfiguredWatts);
        Assert.Null(energy.MeasuredWatts);
        Assert.False(energy.IsMeasured);
        Assert.Equal(1.6, energy.JoulesPerOutputToken);
        Assert.Equal(0.625, energy.OutputTokensPerJoule);
        Assert.Equal(["rapl: /sys/class/powercap does not exist"], energy.Notes);
        Assert.Equal("80 W configured", energy.DescribePower());
    }

    [Fact]
    public void Micro_result_without_a_price_has_no_cost_and_no_latency()
    {
        var point = SampleResults.Point(ScenarioKind.Tg, "tg128", new JobParameters { Threads = 1 },
            [SampleResults.Metric(MetricNames.TokensPerSecond, "tokens/s", MetricPooling.PerRepetition, 50, 51, 52)],
            verdict: Verdict.From(["CV 12 % above 5 %"], []));

        var record = ResultRecordFactory.FromView(SampleResults.View(point));

        Assert.Equal(51, record.TokensPerSecond!.Value, 9);
        Assert.NotNull(record.TokensPerSecondCiLower);
        Assert.Null(record.TtftMs);
        Assert.Null(record.Cost.UsdPerMTokOutput);
        Assert.Null(record.Energy);
        Assert.Equal("INVALID", record.Verdict);
        Assert.Equal(["CV 12 % above 5 %"], record.VerdictReasons);
    }

    [Fact]
    public void Provenance_is_read_from_the_stored_json()
    {
        var point = SampleResults.Point(ScenarioKind.Tg, "tg", new JobParameters(),
            [SampleResults.Metric(MetricNames.TokensPerSecond, "tokens/s", MetricPooling.PerRepetition, 1, 2)]);
        const string provenance = """
            {"point":"qwen/tg","nodesThatRan":["w1","w2"],"repetitions":[{"benchClusterVersion":"0.1.0","benchClusterCommit":"abc",
             "engine":{"engine":"llama.cpp","version":"b1"},"machine":{"cpuModel":"EPYC"},"backend":{"kind":"in-process"}}]}
            """;

        var record = ResultRecordFactory.FromView(SampleResults.View(point, provenanceJson: provenance));

        Assert.Equal(["w1", "w2"], record.Provenance.NodesThatRan);
        Assert.Equal("0.1.0", record.Provenance.BenchClusterVersion);
        Assert.Equal("llama.cpp b1", record.Provenance.Engine);
        Assert.Equal("EPYC", record.Provenance.Cpu);
        Assert.Equal("in-process", record.Provenance.Backend);
    }

    [Fact]
    public void The_nodes_other_activity_is_the_busiest_repetitions_and_the_preemptions_of_all_over_windows_long_enough_to_count()
    {
        var point = SampleResults.Point(ScenarioKind.Tg, "tg", new JobParameters(),
            [SampleResults.Metric(MetricNames.TokensPerSecond, "tokens/s", MetricPooling.PerRepetition, 1, 2)]);
        const string provenance = """
            {"repetitions":[{"activity":{"windowSeconds":2,"otherCpuPercent":4.5,"ownCpuPercent":190,"involuntarySwitches":12}},
             {"activity":{"windowSeconds":2,"otherCpuPercent":11.25,"ownCpuPercent":185,"involuntarySwitches":30}},{},
             {"activity":{"windowSeconds":0.02,"otherCpuPercent":50,"ownCpuPercent":100,"involuntarySwitches":1}}]}
            """;

        var record = ResultRecordFactory.FromView(SampleResults.View(point, provenanceJson: provenance));
        var unrecorded = ResultRecordFactory.FromView(SampleResults.View(point, provenanceJson: """{"repetitions":[{}]}"""));

        Assert.Equal(11.25, record.Provenance.BackgroundCpuPercent);
        Assert.Equal(42, record.Provenance.EngineInvoluntarySwitches);
        Assert.Null(unrecorded.Provenance.BackgroundCpuPercent);
        Assert.Null(unrecorded.Provenance.EngineInvoluntarySwitches);
    }
}
