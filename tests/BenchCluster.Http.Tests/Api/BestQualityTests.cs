using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BenchCluster.Http.Tests.Infrastructure;
using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Quality;
using BenchCluster.Measurement.Results;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Validity;
using BenchCluster.Storage.Queries;
using BenchCluster.Storage.Runs;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Http.Tests.Api;

public sealed class BestQualityTests
{
    [Fact]
    public async Task Best_with_max_kld_answers_the_cheapest_row_under_the_bound_and_refuses_bounds_that_are_not_figures()
    {
        await using var server = await ApiServer.StartAsync();
        var runId = server.Cluster.AddRun(RunState.Completed, 4, 4);
        server.Cluster.Results[runId] =
        [
            Speed(runId, "q8_0", usd: 0.15), Speed(runId, "q4_0", usd: 0.08),
            Quality(runId, "q8_0", kld: 0.002), Quality(runId, "q4_0", kld: 0.082),
        ];
        using var client = server.Client(ApiServer.AliceToken);

        var best = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/best?objective=cost&max_kld=0.05");

        Assert.Equal(0.05, best.GetProperty("quality").GetProperty("maxKlDivergence").GetDouble());
        var group = Assert.Single(best.GetProperty("groups").EnumerateArray());
        Assert.Equal("q8_0", group.GetProperty("best").GetProperty("result").GetProperty("model").GetString());
        var loser = group.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("result").GetProperty("model").GetString() == "q4_0");
        Assert.Equal("over the KLD bound: 0.082 > 0.05", Assert.Single(loser.GetProperty("excluded").EnumerateArray()).GetString());
        var unbounded = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/best?objective=cost");
        Assert.Equal("q4_0", Assert.Single(unbounded.GetProperty("groups").EnumerateArray()).GetProperty("best").GetProperty("result").GetProperty("model").GetString());

        var refused = new (string Query, string Field)[]
        {
            ("max_kld=abc", "max_kld"), ("max_kld=-1", "max_kld"), ("max_ppl_delta=NaN", "max_ppl_delta"), ("min_top1=90", "min_top1"),
            ("max_kld=" + new string('9', 100), "max_kld"),
        };
        foreach (var (query, field) in refused)
        {
            using var response = await client.GetAsync($"/api/runs/{runId}/best?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(field, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        }
        ReliabilityLog.BadInput(new BadInputRecord("http request", "best with max_kld 'abc', -1 or 100 digits, max_ppl_delta NaN, min_top1 90 (a percentage for a share)", refused.Length,
            "400 naming the parameter and the accepted range", nameof(Best_with_max_kld_answers_the_cheapest_row_under_the_bound_and_refuses_bounds_that_are_not_figures)));
    }

    [Fact]
    public async Task Results_filtered_to_a_speed_scenario_still_show_each_files_quality()
    {
        await using var server = await ApiServer.StartAsync();
        var runId = server.Cluster.AddRun(RunState.Completed, 2, 2);
        server.Cluster.Results[runId] = [Speed(runId, "q4_0", usd: 0.08), Quality(runId, "q4_0", kld: 0.082)];
        using var client = server.Client(ApiServer.AliceToken);

        var results = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/results?scenario=tg128");

        var row = Assert.Single(results.EnumerateArray());
        Assert.Equal("tg128", row.GetProperty("scenario").GetString());
        Assert.Equal(0.082, row.GetProperty("quality").GetProperty("klDivergenceMean").GetDouble(), 12);
        Assert.Equal("joined", row.GetProperty("quality").GetProperty("source").GetString());
    }

    private static string Sha(string file) => file == "q8_0" ? new string('8', 64) : new string('4', 64);

    private static ResultView Speed(Guid runId, string file, double usd) => new()
    {
        RunId = runId, SuiteName = "family", PointKey = "tg-" + file, Model = file + ".gguf", ModelName = file, ModelSha256 = Sha(file),
        NodeName = "node-a", Scenario = "tg128", TokensPerSecondMean = 100, UsdPerMTokOutput = usd, Verdict = "VALID", VerdictReasons = "",
        Repetitions = 3, ParametersJson = "{}", MetricsJson = "{}",
    };

    private static ResultView Quality(Guid runId, string file, double kld) => new()
    {
        RunId = runId, SuiteName = "family", PointKey = "quality-" + file, Model = file + ".gguf", ModelName = file, ModelSha256 = Sha(file),
        NodeName = "node-a", Scenario = "quality", TokensPerSecondMean = 250, Verdict = "VALID", VerdictReasons = "", Repetitions = 1,
        ParametersJson = "{}",
        MetricsJson = MeasurementJson.Serialize(new PointResult
        {
            Point = new PointKey("quality-" + file, file + "/quality"), Model = file, Scenario = "quality", Kind = ScenarioKind.Quality,
            Parameters = new JobParameters(), RepetitionsExpected = 1, RepetitionsMeasured = 1, Stages = [], Verdict = Verdict.From([], []),
            Quality = new QualityMeasurement
            {
                CorpusName = "bundled", CorpusSha256 = new string('c', 64), ContextTokens = 512, Windows = 4, ScoredTokens = 1024,
                Perplexity = 20, PerplexityError = 0.5, ScoredTokensPerSecond = 250, IsSyntheticModel = false,
                Reference = new QualityReferenceComparison
                {
                    ReferenceName = "f16", ReferenceSha256 = new string('f', 64), ReferencePerplexity = 19.8, ReferencePerplexityError = 0.5,
                    DeltaPerplexity = 0.2, DeltaPerplexityError = 0.02, KlDivergenceMean = kld, KlDivergenceMeanError = kld / 20,
                    KlDivergenceMedian = kld / 2, KlDivergenceP99 = kld * 8, KlDivergenceMax = kld * 30, Top1Agreement = 0.95,
                    Top1AgreementError = 0.005, ReferenceSource = "computed",
                },
            },
        }),
    };
}
