using System.Diagnostics;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Suite.Parsing;
using BenchCluster.Testing;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Measurement.Tests.Suite;

/// <summary>
/// Hostile suite text is refused with an error, never a crash. These run in the test host's own process: a stack
/// overflow would kill it, so a passing run is itself the proof that parsing no longer recurses with the input.
/// </summary>
public sealed class SuiteBoundsTests
{
    private static readonly SuiteParser Parser = new();

    private static (SuiteValidationException Error, TimeSpan Elapsed) Refused(string yaml)
    {
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<SuiteValidationException>(() => Parser.Parse(yaml, "hostile.yaml"));
        return (e, clock.Elapsed);
    }

    [Fact]
    public void Two_hundred_thousand_nested_brackets_or_braces_or_dashes_are_refused_at_the_depth_limit_without_recursing()
    {
        var slowest = TimeSpan.Zero;
        string[] suites = [HostileSuites.NestedBrackets(), HostileSuites.NestedFlowMappings(), HostileSuites.NestedBlockSequences()];
        foreach (var suite in suites)
        {
            var (e, elapsed) = Refused(suite);
            slowest = elapsed > slowest ? elapsed : slowest;
            var error = Assert.Single(e.Errors);
            Assert.Contains($"nested more than {SuiteLimits.MaxNestingDepth} deep", error.Message, StringComparison.Ordinal);
            Assert.Equal(1, error.Line);
            Assert.True(error.Column > SuiteLimits.MaxNestingDepth, $"column {error.Column}");
        }
        ReliabilityLog.BadInput(new BadInputRecord("suite", "200,000 nested [ , {a: or - (the issue's stack overflow, exit 134)", suites.Length,
            $"error naming the depth limit ({SuiteLimits.MaxNestingDepth}) and its column, slowest {slowest.TotalMilliseconds:F0} ms, in-process, no crash",
            nameof(Two_hundred_thousand_nested_brackets_or_braces_or_dashes_are_refused_at_the_depth_limit_without_recursing)));
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_still_plain_yaml()
    {
        var deepest = new string('[', SuiteLimits.MaxNestingDepth - 2) + new string(']', SuiteLimits.MaxNestingDepth - 2);
        var e = Assert.Throws<SuiteValidationException>(() => Parser.Parse($"name: x\ndescription: {deepest}\n", "deep.yaml"));

        Assert.DoesNotContain(e.Errors, error => error.Message.Contains("nested", StringComparison.Ordinal));
        Assert.Contains(e.Errors, error => error.FieldPath == "description");
    }

    [Fact]
    public void An_alias_bomb_is_refused_at_its_first_alias()
    {
        var (e, elapsed) = Refused(HostileSuites.AliasBomb());

        var error = Assert.Single(e.Errors);
        Assert.Contains("aliases (*a) are not allowed", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
        ReliabilityLog.BadInput(new BadInputRecord("suite", "alias bomb (9 levels of 10 aliases: 10^9 values from 1 KB)", 1,
            $"error at the first alias, line and column, in {elapsed.TotalMilliseconds:F0} ms", nameof(An_alias_bomb_is_refused_at_its_first_alias)));
    }

    [Fact]
    public void A_suite_above_the_size_limit_is_refused_before_parsing()
    {
        var text = "name: big\ndescription: \"" + new string('x', SuiteLimits.MaxSuiteBytes) + "\"\n";
        var (e, elapsed) = Refused(text);

        var error = Assert.Single(e.Errors);
        Assert.Contains("above the limit of 1,048,576 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("split it", error.Message, StringComparison.Ordinal);

        var path = Path.Combine(Path.GetTempPath(), $"big-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text);
        try
        {
            var fromFile = Assert.Throws<SuiteValidationException>(() => Parser.ParseFile(path));
            Assert.Contains("above the limit", Assert.Single(fromFile.Errors).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
        ReliabilityLog.BadInput(new BadInputRecord("suite", "suite text above 1 MiB (text and file)", 2,
            $"error naming the size and the limit before parsing, in {elapsed.TotalMilliseconds:F0} ms", nameof(A_suite_above_the_size_limit_is_refused_before_parsing)));
    }

    [Fact]
    public void Counts_that_size_the_work_are_capped_and_the_error_names_the_field_and_the_cap()
    {
        var e = Assert.Throws<SuiteValidationException>(() => Parser.Parse("""
            repetitions: 1000000
            warmup: 5000
            models: [{preset: tiny, type: q8_0}]
            scenarios:
              - {name: c, kind: concurrency, requests: 2000000, parameters: {concurrency: [1, 20000]}}
              - {name: p, kind: poisson, requests: 10, max_concurrency: 100000, parameters: {rate: [1, 1e9]}}
              - {name: s, kind: sweep, sweep_points: 1000}
              - {name: o, kind: slo-search, search_steps: 1000}
              - {name: t, kind: tg, output_tokens: 999999999}
            slo: {ttft_ms: 100}
            parameters: {rate: [1]}
            """, "caps.yaml"));

        (string Path, string Cap)[] expected =
        [
            ("repetitions", $"from 1 to {SuiteLimits.MaxRepetitions}"),
            ("warmup", $"from 0 to {SuiteLimits.MaxWarmup}"),
            ("scenarios[0].requests", $"from 1 to {SuiteLimits.MaxRequestsPerScenario}"),
            ("scenarios[0].parameters.concurrency[1]", $"from 1 to {SuiteLimits.MaxConcurrency}"),
            ("scenarios[1].max_concurrency", $"from 1 to {SuiteLimits.MaxConcurrency}"),
            ("scenarios[1].parameters.rate[1]", $"≤ {SuiteLimits.MaxRatePerSecond}"),
            ("scenarios[2].sweep_points", $"from 3 to {SuiteLimits.MaxSweepPoints}"),
            ("scenarios[3].search_steps", $"from 1 to {SuiteLimits.MaxSearchSteps}"),
            ("scenarios[4].output_tokens", $"from 1 to {SuiteLimits.MaxTokens}"),
        ];
        foreach (var (path, cap) in expected)
            Assert.Contains(cap, Assert.Single(e.Errors, error => error.FieldPath == path).Message, StringComparison.Ordinal);
        ReliabilityLog.BadInput(new BadInputRecord("suite", "repetitions, warm-up, requests, concurrency, rates, sweep points, search steps, tokens above their caps",
            expected.Length, "one error per field naming the field path and the cap", nameof(Counts_that_size_the_work_are_capped_and_the_error_names_the_field_and_the_cap)));
    }

    [Fact]
    public void A_hundred_thousand_bad_values_give_a_short_error_list_quickly()
    {
        var values = string.Join(", ", Enumerable.Repeat("-1", 100_000));
        var (e, elapsed) = Refused($"models: [{{preset: tiny, type: q8_0}}]\nscenarios: [{{kind: tg}}]\nparameters: {{threads: [{values}]}}\n");

        Assert.Equal(SuiteLimits.MaxReportedErrors + 1, e.Errors.Count);
        Assert.Contains($"and {100_000 - SuiteLimits.MaxReportedErrors:N0} more problem(s)", e.Errors[^1].Message, StringComparison.Ordinal);
        ReliabilityLog.BadInput(new BadInputRecord("suite", "100,000 invalid list values (an error flood)", 1,
            $"{SuiteLimits.MaxReportedErrors} errors listed and the rest counted, in {elapsed.TotalMilliseconds:F0} ms",
            nameof(A_hundred_thousand_bad_values_give_a_short_error_list_quickly)));
    }

    [Fact]
    public void Wrong_values_of_half_a_megabyte_are_quoted_shortened()
    {
        var huge = new string('q', 400_000);
        var (e, _) = Refused($"repetitions: {huge}\nseed: {huge}\nmodels: [{{preset: tiny, type: q8_0}}]\nscenarios: [{{kind: tg}}]\n");

        Assert.Equal(2, e.Errors.Count);
        Assert.All(e.Errors, error => Assert.True(error.Message.Length < 400, $"{error.Message.Length} characters"));
        Assert.Contains("got 'qqqq", Assert.Single(e.Errors, error => error.FieldPath == "repetitions").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_list_of_distinct_values_is_checked_for_duplicates_in_linear_time()
    {
        var values = string.Join(", ", Enumerable.Range(1, 100_000));
        var suite = Parser.Parse($"models: [{{preset: tiny, type: q8_0}}]\nscenarios: [{{kind: tg}}]\nparameters: {{threads: [{values}]}}\n");

        Assert.Equal(100_000, suite.Parameters.Threads!.Count);
        var duplicate = Assert.Throws<SuiteValidationException>(() => Parser.Parse("models: [{preset: tiny, type: q8_0}]\nscenarios: [{kind: tg}]\nparameters: {threads: [1, 2, 1]}\n"));
        Assert.Contains("1 is listed twice", Assert.Single(duplicate.Errors).Message, StringComparison.Ordinal);
    }
}
