namespace BenchCluster.Web.Tests;

/// <summary>The suites the browser tests submit: forged tiny models, a few repetitions, so a run takes seconds.</summary>
internal static class WebSuites
{
    /// <summary>2 models × 2 scenarios × 3 repetitions = 12 jobs.</summary>
    public const string RunPage = """
        name: web-run-page
        repetitions: 3
        warmup: 1
        models:
          - {name: tiny-f16, preset: tiny, type: f16}
          - {name: tiny-q8, preset: tiny, type: q8_0}
        scenarios:
          - {name: pp32, kind: pp, prompt_tokens: 32}
          - {name: tg16, kind: tg, output_tokens: 16}
        parameters:
          threads: [1]
        """;

    public static readonly string[] RunPageModels = ["tiny-f16", "tiny-q8"];
    public static readonly string[] RunPageScenarios = ["pp32", "tg16"];

    /// <summary>One point, submitted twice for the compare page.</summary>
    public const string Compare = """
        name: web-compare
        repetitions: 3
        warmup: 1
        models:
          - {name: tiny-f16, preset: tiny, type: f16}
        scenarios:
          - {name: tg16, kind: tg, output_tokens: 16}
        parameters:
          threads: [1]
        """;

    /// <summary>Markup in the names a page shows: it must read as text, and nothing of it may run.</summary>
    public const string HostileSuiteName = "<img src=x onerror=\"window.__bcInjected=1\">";
    public const string HostileModelName = "<script>window.__bcInjected=2</script><img src=y onerror=alert(3)>";

    public static string Hostile => $"""
        name: '{HostileSuiteName}'
        repetitions: 2
        warmup: 1
        models:
          - name: '{HostileModelName}'
            preset: tiny
            type: f16
        scenarios:
          - {"{"}name: tg8, kind: tg, output_tokens: 8{"}"}
        parameters:
          threads: [1]
        """;
}
