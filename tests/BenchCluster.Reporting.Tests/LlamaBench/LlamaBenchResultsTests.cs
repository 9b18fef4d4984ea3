using System.Text.Json;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Metrics;
using BenchCluster.Measurement.Suite;
using BenchCluster.Reporting.LlamaBench;
using BenchCluster.Reporting.Tests.Records;
using BenchCluster.Storage.Jobs;
using BenchCluster.Storage.Queries;

namespace BenchCluster.Reporting.Tests.LlamaBench;

public sealed class LlamaBenchResultsTests
{
    private const string Provenance = """
        {"repetitions": [{"model": {"description": "qwen2 0.5B Q4_K - Medium", "tensorSizeBytes": 391872512, "parameterCount": 494032768},
          "engine": {"version": "v0.5.0 via node-llama-cpp 3.22.1", "devices": ["CPU: AMD EPYC (ggml-cpu-zen4)"]},
          "machine": {"cpuModel": "AMD EPYC 9454P"},
          "session": {"threads": 2, "batchSize": 2048, "microBatchSize": 512, "poll": 50, "kvCacheType": "F16", "flashAttention": "Auto"},
          "startedUtc": "2026-12-06T02:17:11.4771857+00:00"}]}
        """;

    private static (ResultView View, PointScenarioRow Scenario) Result(ScenarioKind kind, string name, int depth, params double[] rates)
    {
        var point = SampleResults.Point(kind, name, new JobParameters { Depth = depth },
            [SampleResults.Metric(MetricNames.TokensPerSecond, "tokens/s", MetricPooling.PerRepetition, rates)]) with { HeadlineValues = rates };
        point = point with { Point = new PointKey("key-" + name, $"qwen/{name}") };
        var view = SampleResults.View(point, provenanceJson: Provenance);
        return (view, new PointScenarioRow { PointKey = view.PointKey, Kind = kind.ToString(), PromptTokens = 512, OutputTokens = 128, Depth = depth });
    }

    private static IReadOnlyList<LlamaBenchResult> Results()
    {
        var rows = new[]
        {
            Result(ScenarioKind.Tg, "tg128", 0, 50, 52, 48),
            Result(ScenarioKind.Pp, "pp512", 0, 250, 240, 260),
            Result(ScenarioKind.Pp, "pp512d", 512, 200, 210, 190),
            Result(ScenarioKind.Concurrency, "chat", 0, 10, 11, 9),
        };
        return LlamaBenchResults.From(rows.Select(r => r.View).ToList(), rows.Select(r => r.Scenario).ToList());
    }

    [Fact]
    public void Pp_and_tg_results_become_llama_bench_tests_and_other_kinds_are_left_out()
    {
        var results = Results();

        Assert.Equal(["pp512", "pp512 @ d512", "tg128"], results.Select(LlamaBenchResults.TestName));
        var tg = results.Single(r => r.NGen == 128);
        Assert.Equal((0, 128, 0), (tg.NPrompt, tg.NGen, tg.NDepth));
        Assert.Equal([50.0, 52, 48], tg.SamplesTs);
        // 128 tokens at 50 t/s take 2.56 s.
        Assert.Equal(2_560_000_000, tg.SamplesNs[0]);
        Assert.Equal(50, tg.AvgTs!.Value, 1e-9);
        Assert.Equal(2, tg.StddevTs!.Value, 1e-9);
        Assert.Equal(("qwen2 0.5B Q4_K - Medium", 391872512L, 494032768L), (tg.ModelType, tg.ModelSize!.Value, tg.ModelNParams!.Value));
        Assert.Equal((2, 2048, 512, "f16", -1), (tg.NThreads!.Value, tg.NBatch!.Value, tg.NUbatch!.Value, tg.TypeK, tg.FlashAttn!.Value));
        Assert.Equal(("CPU", "", "AMD EPYC 9454P", "v0.5.0"), (tg.Backends, tg.GpuInfo, tg.CpuInfo, tg.BuildCommit));
        Assert.Equal("2026-12-06T02:17:11Z", tg.TestTime);
    }

    [Fact]
    public async Task Json_uses_llama_benchs_field_names_in_its_order()
    {
        using var output = new StringWriter();
        await LlamaBenchWriter.WriteJsonAsync(Results(), output);

        using var document = JsonDocument.Parse(output.ToString());
        var first = document.RootElement[0];
        var names = first.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["build_commit", "build_number", "cpu_info", "gpu_info", "backends", "model_filename", "model_type", "model_size", "model_n_params"], names.Take(9));
        Assert.Equal(["avg_ns", "stddev_ns", "avg_ts", "stddev_ts", "samples_ns", "samples_ts"], names.TakeLast(6));
        Assert.True(names.IndexOf("n_prompt") < names.IndexOf("n_gen") && names.IndexOf("n_gen") < names.IndexOf("n_depth"));
        Assert.Equal(512, first.GetProperty("n_prompt").GetInt32());
        Assert.Equal(JsonValueKind.False, first.GetProperty("no_kv_offload").ValueKind);
    }

    [Fact]
    public async Task Markdown_is_llama_benchs_table()
    {
        using var output = new StringWriter();
        await LlamaBenchWriter.WriteMarkdownAsync(Results(), output);
        var lines = output.ToString().Split('\n');

        Assert.Equal("| model                          |       size |     params | backend    | threads |            test |                  t/s |", lines[0]);
        Assert.Equal("| qwen2 0.5B Q4_K - Medium       | 373.72 MiB |   494.03 M | CPU        |       2 |           pp512 |       250.00 ± 10.00 |", lines[2]);
        Assert.Contains("|    pp512 @ d512 |", lines[3], StringComparison.Ordinal);
        Assert.True(lines[4].EndsWith("|           tg128 |         50.00 ± 2.00 |", StringComparison.Ordinal), output.ToString());
        Assert.Contains("build: v0.5.0", output.ToString(), StringComparison.Ordinal);
    }
}
