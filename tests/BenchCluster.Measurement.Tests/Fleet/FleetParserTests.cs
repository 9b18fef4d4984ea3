using BenchCluster.Measurement.Suite.Parsing;
using BenchCluster.Testing;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Measurement.Tests.Fleet;

/// <summary>fleet: in a suite, and the loads it cannot offer, refused with the field's path before anything runs.</summary>
public sealed class FleetParserTests
{
    private const string Endpoint = "{name: api, endpoint: {base_url: \"http://127.0.0.1:8000/v1\", model: m}}";

    private static string Suite(string scenario, string models = $"[{Endpoint}]") => $"""
        models: {models}
        scenarios:
          - {scenario}
        """;

    private static SuiteError Refused(string yaml)
    {
        var e = Assert.Throws<SuiteValidationException>(() => new SuiteParser().Parse(yaml, "fleet.yaml"));
        return Assert.Single(e.Errors);
    }

    [Fact]
    public void A_fleet_scenario_parses_and_one_driver_is_the_plain_scenario()
    {
        var suite = new SuiteParser().Parse(Suite("{kind: poisson, fleet: {drivers: 4}, parameters: {rate: [40]}}"));
        var single = new SuiteParser().Parse(Suite("{kind: poisson, fleet: {drivers: 1}, parameters: {rate: [40]}}"));

        Assert.Equal(4, suite.Scenarios[0].Fleet!.Drivers);
        Assert.Null(single.Scenarios[0].Fleet);
    }

    [Fact]
    public void The_repositorys_fleet_suite_parses_with_two_drivers_on_every_scenario()
    {
        var suite = new SuiteParser().ParseFile(Path.Combine(RepositoryPaths.Root, "benchmarks", "workloads", "fleet.yaml"));

        Assert.All(suite.Scenarios, s => Assert.Equal(2, s.Fleet!.Drivers));
        Assert.All(suite.Models, m => Assert.False(m.IsInProcess));
    }

    [Theory]
    [InlineData("{kind: poisson, fleet: {drivers: 0}, parameters: {rate: [4]}}", "scenarios[0].fleet.drivers", "0 drivers is outside 1 to 64")]
    [InlineData("{kind: poisson, fleet: {drivers: 65}, parameters: {rate: [4]}}", "scenarios[0].fleet.drivers", "65 drivers is outside 1 to 64")]
    [InlineData("{kind: poisson, fleet: {drivers: two}, parameters: {rate: [4]}}", "scenarios[0].fleet.drivers", "must be an integer")]
    [InlineData("{kind: poisson, fleet: {}, parameters: {rate: [4]}}", "scenarios[0].fleet.drivers", "required field is missing")]
    [InlineData("{kind: poisson, fleet: {drivers: 2}, parameters: {rate: [1000]}}", "scenarios[0].parameters.rate", "500 req/s per driver, above the 250 req/s one driver sends on schedule; set fleet.drivers to at least 4")]
    [InlineData("{kind: concurrency, fleet: {drivers: 3}, parameters: {concurrency: [2]}}", "scenarios[0].parameters.concurrency", "concurrency 2 is split over 3 drivers")]
    [InlineData("{kind: sweep, fleet: {drivers: 2}}", "scenarios[0].fleet", "fleet does not apply to sweep scenarios; it applies to concurrency, poisson, gamma")]
    [InlineData("{kind: concurrency, fleet: {drivers: 2}, workload: {conversation: {turns: 3}}, parameters: {concurrency: [4]}}", "scenarios[0].fleet", "does not drive multi-turn or shared-prefix workloads yet")]
    public void Loads_a_fleet_cannot_offer_are_refused_naming_the_field(string scenario, string field, string expected)
    {
        var error = Refused(Suite(scenario));

        Assert.Equal(field, error.FieldPath);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fleet_on_an_in_process_model_is_refused_naming_the_model_and_the_fix()
    {
        var error = Refused(Suite("{kind: poisson, fleet: {drivers: 2}, parameters: {rate: [4]}}", $"[{Endpoint}, {{name: local, preset: tiny, type: q8_0}}]"));

        Assert.Equal("scenarios[0].fleet", error.FieldPath);
        Assert.Contains("model(s) local run in-process on each worker", error.Message, StringComparison.Ordinal);
        Assert.Contains("whose models are all endpoints", error.Message, StringComparison.Ordinal);
        ReliabilityLog.BadInput(new BadInputRecord("suite fleet",
            "fleet.drivers 0, 65, 'two', missing; 1,000 req/s over 2 drivers; concurrency 2 over 3 drivers; fleet on a sweep; fleet with an in-process model", 8,
            "refused when the suite is parsed (dry run too), error at the field's path naming the bound or rule and the fix",
            nameof(Fleet_on_an_in_process_model_is_refused_naming_the_model_and_the_fix)));
    }
}
