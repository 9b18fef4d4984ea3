using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Suite.Parsing;

namespace BenchCluster.Measurement.Tests.Suite;

public sealed class MicroRunsParserTests
{
    private static readonly SuiteParser Parser = new();

    private static SuiteDefinition Parse(string scenario) => Parser.Parse($"""
        models: [{"{"}preset: tiny, type: q8_0{"}"}]
        scenarios: [{scenario}]
        """, "test.yaml");

    [Fact]
    public void Runs_is_read_for_micro_scenarios_and_defaults_to_one()
    {
        Assert.Equal(5, Parse("{kind: tg, runs: 5}").Scenarios.Single().MeasuredRuns);
        var unset = Parse("{kind: pp}").Scenarios.Single();
        Assert.Null(unset.Runs);
        Assert.Equal(1, unset.MeasuredRuns);
    }

    [Fact]
    public void Runs_is_refused_where_it_does_not_apply_and_below_one()
    {
        var batched = Assert.Throws<SuiteValidationException>(() => Parse("{kind: batched, runs: 3, parameters: {concurrency: [2]}}"));
        Assert.Contains(batched.Errors, e => e.FieldPath == "scenarios[0].runs" && e.Message.Contains("pp, tg, pg", StringComparison.Ordinal));

        var zero = Assert.Throws<SuiteValidationException>(() => Parse("{kind: pg, runs: 0}"));
        Assert.Contains(zero.Errors, e => e.FieldPath == "scenarios[0].runs");
    }

    [Fact]
    public void Leaving_runs_out_keeps_the_point_key_of_earlier_suites_and_setting_it_makes_a_new_point()
    {
        static string Key(string scenario)
        {
            var suite = Parse(scenario);
            return PointKey.For(suite.Models.Single(), suite.Scenarios.Single(), MatrixExpander.Expand(suite).Jobs[0].Parameters).Id;
        }

        // The hashed scenario JSON of a suite without runs is what it was before the field existed.
        Assert.DoesNotContain("runs", MeasurementJson.Serialize(Parse("{kind: tg}").Scenarios.Single()), StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(Key("{kind: tg}"), Key("{kind: tg, runs: 3}"));
    }
}
