using System.Text;

namespace BenchCluster.Testing;

/// <summary>Suites built to crash or stall a parser or a coordinator, as an attacker would write them.</summary>
public static class HostileSuites
{
    /// <summary>The stack-overflow suite: <paramref name="depth"/> nested flow sequences.</summary>
    public static string NestedBrackets(int depth = 200_000) => new('[', depth);

    public static string NestedFlowMappings(int depth = 200_000) => new StringBuilder().Insert(0, "{a: ", depth).ToString();

    /// <summary>Block sequences nested on one line: "- - - - x".</summary>
    public static string NestedBlockSequences(int depth = 200_000) => new StringBuilder().Insert(0, "- ", depth).Append('x').ToString();

    /// <summary>"Billion laughs": each alias doubles ten times over, so 1 KB of text names 10^9 values.</summary>
    public static string AliasBomb() => """
        a: &a [x, x, x, x, x, x, x, x, x, x]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
        e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
        f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
        g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
        h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]
        i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]
        """;

    /// <summary>
    /// The 1 KB suite: 40 × 40 × 40 × 10 × 10 parameter combinations × 100 repetitions = 640,000,000 jobs.
    /// </summary>
    public static string SixHundredFortyMillionJobs() => $"""
        name: explode
        repetitions: 100
        models: [{"{"}preset: tiny, type: q8_0{"}"}]
        scenarios: [{"{"}kind: pp, prompt_tokens: 16{"}"}]
        parameters:
          threads: [{Range(1, 40)}]
          batch: [{Range(1, 40)}]
          ubatch: [{Range(1, 40)}]
          gpu_layers: [{Range(0, 10)}]
          depth: [{Range(0, 10)}]
        """;

    /// <summary>Five lists of 2,000 values and 1,000 repetitions: 3.2·10^19 jobs, beyond a 64-bit count.</summary>
    public static string BeyondSixtyFourBits() => $"""
        name: overflow
        repetitions: 1000
        models: [{"{"}preset: tiny, type: q8_0{"}"}]
        scenarios: [{"{"}kind: batched{"}"}]
        parameters:
          threads: [{Range(1, 2000)}]
          batch: [{Range(1, 2000)}]
          ubatch: [{Range(1, 2000)}]
          gpu_layers: [{Range(0, 2000)}]
          kv_type: [f16]
          flash_attn: [on]
          concurrency: [{Range(1, 2000)}]
        """;

    private static string Range(int start, int count) => string.Join(", ", Enumerable.Range(start, count));
}
