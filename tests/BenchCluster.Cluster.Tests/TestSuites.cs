namespace BenchCluster.Cluster.Tests;

/// <summary>Small suites the cluster tests submit: tiny models, short scenarios, so a run takes seconds.</summary>
internal static class TestSuites
{
    public static string TwoTinyModels(int repetitions = 2) => $"""
        name: cluster-test
        repetitions: {repetitions}
        warmup: 1
        models:
          - name: tiny-f16
            preset: tiny
            type: f16
          - name: tiny-q8
            preset: tiny
            type: q8_0
        scenarios:
          - name: pp32
            kind: pp
            prompt_tokens: 32
          - name: tg8
            kind: tg
            output_tokens: 8
        parameters:
          threads: [1]
        """;

    public static string OneTinyModel(int repetitions, int outputTokens = 16) => $"""
        name: cluster-one-model
        repetitions: {repetitions}
        warmup: 1
        models:
          - name: tiny-f16
            preset: tiny
            type: f16
        scenarios:
          - name: tg
            kind: tg
            output_tokens: {outputTokens}
        parameters:
          threads: [1]
        """;
}
