namespace BenchCluster.Http.Tests.Infrastructure;

internal static class TinySuite
{
    public const string Text = """
        name: http-test
        repetitions: 2
        models:
          - name: tiny-f16
            preset: tiny
            type: f16
        scenarios:
          - name: tg
            kind: tg
            output_tokens: 8
        """;
}
