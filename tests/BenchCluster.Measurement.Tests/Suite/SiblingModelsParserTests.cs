using System.Diagnostics;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Suite.Parsing;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Measurement.Tests.Suite;

/// <summary><c>from:</c> models: quantized siblings of another suite model, and each refusal naming the field.</summary>
public sealed class SiblingModelsParserTests
{
    private static readonly SuiteParser Parser = new();

    private static string Suite(string models) => $"""
        models:
        {models}
        scenarios:
          - kind: pp
            prompt_tokens: 64
        """;

    private static SuiteError FailsAt(string models, string path)
    {
        var error = Assert.Throws<SuiteValidationException>(() => Parser.Parse(Suite(models), "test.yaml"));
        return Assert.Single(error.Errors, e => e.FieldPath == path);
    }

    [Fact]
    public void From_models_parse_with_their_type_and_a_default_name()
    {
        var suite = Parser.Parse(Suite("""
              - name: base
                preset: tiny
                type: f16
              - from: base
                type: Q4_K_M
              - name: eight
                from: base
                type: q8_0
              - name: f32-file
                path: /models/x-f32.gguf
              - from: f32-file
                type: f16
            """), "test.yaml");

        var sibling = suite.Models[1];
        Assert.Equal(ModelSourceKind.Quantized, sibling.Source);
        Assert.Equal("base-q4_k_m", sibling.Name);
        Assert.Equal("base", sibling.From);
        Assert.Equal("q4_k_m", sibling.Quantization);
        Assert.True(sibling.IsInProcess);
        Assert.Equal(("eight", "q8_0"), (suite.Models[2].Name, suite.Models[2].Quantization));
        Assert.Equal("f32-file", suite.Models[4].From);
    }

    [Fact]
    public void Each_bad_from_is_refused_naming_the_field()
    {
        var stopwatch = Stopwatch.StartNew();
        var missingParent = FailsAt("""
              - from: nowhere
                type: q8_0
            """, "models[0].from");
        var cycle = FailsAt("""
              - name: a
                from: b
                type: f16
              - name: b
                from: a
                type: f16
            """, "models[0].from");
        var endpoint = FailsAt("""
              - name: api
                endpoint: {base_url: "https://api.example.com/v1", model: m}
              - from: api
                type: q8_0
            """, "models[1].from");
        var quantizedParent = FailsAt("""
              - name: small
                preset: tiny
                type: q4_0
              - from: small
                type: q8_0
            """, "models[1].from");
        var missingType = FailsAt("""
              - name: base
                preset: tiny
                type: f16
              - from: base
            """, "models[1].type");
        var unknownType = FailsAt("""
              - name: base
                preset: tiny
                type: f16
              - from: base
                type: q4_k_x
            """, "models[1].type");
        var twoSources = Assert.Throws<SuiteValidationException>(() => Parser.Parse(Suite("""
              - preset: tiny
                from: base
                type: f16
            """), "test.yaml"));
        var elapsed = stopwatch.Elapsed;

        Assert.Contains("'nowhere' is not in this suite", missingParent.Message, StringComparison.Ordinal);
        Assert.Contains("a -> b -> a", cycle.Message, StringComparison.Ordinal);
        Assert.Contains("endpoint", endpoint.Message, StringComparison.Ordinal);
        Assert.Contains("already quantized", quantizedParent.Message, StringComparison.Ordinal);
        Assert.Contains("q4_k_m", missingType.Message, StringComparison.Ordinal);
        Assert.Contains("q4_k_m", unknownType.Message, StringComparison.Ordinal);
        Assert.Contains(twoSources.Errors, e => e.Message.Contains("preset and from", StringComparison.Ordinal));
        ReliabilityLog.BadInput(new BadInputRecord("suite", "from: models with a missing, looping, endpoint or quantized parent, no or unknown type, two sources", 7,
            $"error at the field (models[i].from / .type) naming the problem and the fix, all in {elapsed.TotalMilliseconds:0} ms", nameof(Each_bad_from_is_refused_naming_the_field)));
    }

    [Fact]
    public void A_long_from_chain_ending_in_a_loop_is_refused_without_recursing()
    {
        // 40 models each quantized from the next, the last from the first: a loop through every model (40 errors stay under the report's cap of 50).
        var lines = Enumerable.Range(0, 40).Select(i => $"  - name: m{i}\n    from: m{(i + 1) % 40}\n    type: f16");
        var yaml = $"models:\n{string.Join('\n', lines)}\nscenarios:\n  - kind: pp\n    prompt_tokens: 64\n";

        var error = Assert.Throws<SuiteValidationException>(() => Parser.Parse(yaml, "test.yaml"));

        Assert.Equal(40, error.Errors.Count(e => e.FieldPath.EndsWith(".from", StringComparison.Ordinal) && e.Message.Contains("loops", StringComparison.Ordinal)));
    }
}
