namespace BenchCluster.Measurement.Suite;

/// <summary>Names and properties of scenario kinds.</summary>
public static class ScenarioKinds
{
    private static readonly Dictionary<string, ScenarioKind> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pp"] = ScenarioKind.Pp,
        ["tg"] = ScenarioKind.Tg,
        ["pg"] = ScenarioKind.Pg,
        ["batched"] = ScenarioKind.Batched,
        ["concurrency"] = ScenarioKind.Concurrency,
        ["poisson"] = ScenarioKind.Poisson,
        ["gamma"] = ScenarioKind.Gamma,
        ["sweep"] = ScenarioKind.Sweep,
        ["slo-search"] = ScenarioKind.SloSearch,
        ["quality"] = ScenarioKind.Quality,
        ["trace"] = ScenarioKind.Trace,
    };

    /// <summary>Every kind by its suite-file name.</summary>
    public static IReadOnlyDictionary<string, ScenarioKind> Names => ByName;

    public static string Name(ScenarioKind kind) => ByName.First(pair => pair.Value == kind).Key;

    /// <summary>Micro scenarios drive an in-process session directly; the others drive a request-level backend.</summary>
    public static bool IsMicro(ScenarioKind kind) =>
        kind is ScenarioKind.Pp or ScenarioKind.Tg or ScenarioKind.Pg or ScenarioKind.Batched;

    /// <summary>Quality scores a corpus on an in-process session; it measures how good the outputs are, not how fast.</summary>
    public static bool IsQuality(ScenarioKind kind) => kind is ScenarioKind.Quality;

    public static bool IsOpenLoop(ScenarioKind kind) => kind is ScenarioKind.Poisson or ScenarioKind.Gamma;

    public static bool HasStages(ScenarioKind kind) => kind is ScenarioKind.Sweep or ScenarioKind.SloSearch;
}
