using System.Globalization;
using BenchCluster.Grains.Coordinator;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Quality;
using BenchCluster.Measurement.Results;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Validity;
using BenchCluster.Reporting.Exporting;
using BenchCluster.Reporting.Records;
using BenchCluster.Storage.Results;
using BenchCluster.Storage.Runs;
using BenchCluster.Testing;

namespace BenchCluster.Cluster.Tests.Unit.Quality;

/// <summary>
/// A quality point stored as the coordinator stores it (ResultRowMapping → results, V011 columns) and read back
/// through the views, the record factory and every exporter, with a speed point of the same file beside it.
/// </summary>
public sealed class QualityRoundTripTests
{
    private const string Sha = "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a";
    private const string Node = "cpu-1";

    private static readonly QualityMeasurement Scores = new()
    {
        CorpusName = "bundled",
        CorpusSha256 = new string('c', 64),
        ContextTokens = 512,
        Windows = 6,
        ScoredTokens = 1536,
        Perplexity = 17.25,
        PerplexityError = 0.61,
        ScoredTokensPerSecond = 312.5,
        IsSyntheticModel = false,
        Reference = new QualityReferenceComparison
        {
            ReferenceName = "tiny-f16",
            ReferenceSha256 = new string('f', 64),
            ReferencePerplexity = 16.75,
            ReferencePerplexityError = 0.59,
            DeltaPerplexity = 0.5,
            DeltaPerplexityError = 0.07,
            KlDivergenceMean = 0.0312,
            KlDivergenceMeanError = 0.0011,
            KlDivergenceMedian = 0.0154,
            KlDivergenceP99 = 0.2467,
            KlDivergenceMax = 1.875,
            Top1Agreement = 0.9375,
            Top1AgreementError = 0.0062,
            ReferenceSource = "computed",
        },
        Tasks = new QualityTaskScore { TaskFile = "tasks.jsonl", TaskSha256 = new string('7', 64), TaskCount = 40, Accuracy = 0.55, AccuracyError = 0.0787 },
    };

    [Fact]
    public async Task A_quality_point_round_trips_through_V011_and_every_exporter_with_its_speed_point_beside_it()
    {
        await using var test = await PostgresServer.CreateDatabaseAsync();
        var db = test.Database;
        var run = new RunRow { RunId = Guid.NewGuid(), SuiteName = "family", SuiteText = "name: family\n", SubmittedBy = "tests" };
        await db.Runs.CreateAsync(run);
        await db.Results.UpsertAsync(ResultRowMapping.ToRow(run.RunId, QualityPoint(), Node, Sha, [], [Node]));
        await db.Results.UpsertAsync(new ResultRow
        {
            RunId = run.RunId, PointKey = "tg-q4km", NodeName = Node, ModelRef = "tiny-q4_k_m", ModelSha256 = Sha, Scenario = "tg128",
            TokensPerSecondMean = 120, TokensPerSecondStddev = 2, CostUsdPerMTokOutput = 0.1, IsValid = true, Repetitions = 3,
        });

        var views = await db.Queries.GetResultsAsync(run.RunId);

        var stored = Assert.Single(views, v => v.PointKey == "quality-q4km").Quality!;
        Assert.Equal(("bundled", new string('c', 64), 512, 6, 1536L, false), (stored.CorpusName, stored.CorpusSha256, stored.ContextTokens, stored.Windows, stored.ScoredTokens, stored.IsSynthetic));
        Assert.Equal((17.25, 0.61), (stored.Perplexity, stored.PerplexityError));
        Assert.Equal(("tiny-f16", new string('f', 64), 16.75, 0.59), (stored.ReferenceName, stored.ReferenceSha256, stored.ReferencePerplexity, stored.ReferencePerplexityError));
        Assert.Equal((0.5, 0.07), (stored.DeltaPerplexity, stored.DeltaPerplexityError));
        Assert.Equal((0.0312, 0.0011, 0.0154, 0.2467, 1.875), (stored.KlDivergenceMean, stored.KlDivergenceMeanError, stored.KlDivergenceMedian, stored.KlDivergenceP99, stored.KlDivergenceMax));
        Assert.Equal((0.9375, 0.0062), (stored.Top1Agreement, stored.Top1AgreementError));
        Assert.Equal((new string('7', 64), 40, 0.55, 0.0787), (stored.TaskSha256, stored.TaskCount, stored.TaskAccuracy, stored.TaskAccuracyError));
        Assert.Null(Assert.Single(views, v => v.PointKey == "tg-q4km").Quality);
        Assert.Equal("0.031200 ± 0.001100", await ScalarAsync(test, $"SELECT kld_text FROM v_results WHERE run_id = '{run.RunId}' AND point_key = 'quality-q4km'"));
        Assert.Equal("0.0312|120.00|0.1000", await ScalarAsync(test,
            $"SELECT kld_mean::text || '|' || tokens_per_second_mean::text || '|' || usd_per_mtok_output::text FROM v_quality_beside_speed WHERE run_id = '{run.RunId}'"));

        var records = ResultRecordFactory.FromViews(views);
        var speed = Assert.Single(records, r => r.PointKey == "tg-q4km");
        Assert.Equal((0.0312, ResultQuality.Joined, "quality-q4km"), (speed.Quality!.KlDivergenceMean, speed.Quality.Source, speed.Quality.SourcePointKey));

        var filtered = Assert.Single(await new ResultFilter { RunId = run.RunId, Scenario = "tg128" }.ReadAsync(db.Queries));
        Assert.Equal(("tg-q4km", 0.0312), (filtered.PointKey, filtered.Quality?.KlDivergenceMean));

        var outputs = new Dictionary<OutputFormat, string>();
        foreach (var format in ResultExporters.Formats)
        {
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            await ResultExporters.For(format).WriteAsync(records, writer);
            outputs[format] = writer.ToString();
        }
        foreach (var (format, text) in outputs)
        {
            Assert.True(text.Contains("0.0312", StringComparison.Ordinal), $"{format} lacks the mean KLD:\n{text}");
            Assert.True(text.Contains("93.8 %", StringComparison.Ordinal) || text.Contains("0.9375", StringComparison.Ordinal), $"{format} lacks top-1:\n{text}");
            Assert.True(text.Contains("17.25", StringComparison.Ordinal), $"{format} lacks the perplexity:\n{text}");
        }
        var csv = outputs[OutputFormat.Csv].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("kld_mean", csv[0].Split(','));
        Assert.Equal(2, csv.Skip(1).Count(line => line.Contains(new string('c', 64), StringComparison.Ordinal)));
        Assert.Contains("\"corpusSha256\": \"" + new string('c', 64) + "\"", outputs[OutputFormat.Json], StringComparison.Ordinal);
        Assert.Contains("\"quality\":{\"label\":\"model quality\"", outputs[OutputFormat.Jsonl], StringComparison.Ordinal);
    }

    private static PointResult QualityPoint() => new()
    {
        Point = new PointKey("quality-q4km", "tiny-q4_k_m/quality[threads=2]"),
        Model = "tiny-q4_k_m",
        Scenario = "quality",
        Kind = ScenarioKind.Quality,
        Parameters = new JobParameters { Threads = 2 },
        RepetitionsExpected = 1,
        RepetitionsMeasured = 1,
        Stages = [],
        Quality = Scores,
        Verdict = Verdict.From([], []),
    };

    private static async Task<string?> ScalarAsync(PostgresTestDatabase test, string sql)
    {
        await using var command = test.DataSource.CreateCommand(sql);
        return (await command.ExecuteScalarAsync())?.ToString();
    }
}
