using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Matrix;

/// <summary>
/// The reference a quality job compares against, from the suite alone: the scenario's <c>reference</c>, else the
/// model's <see cref="ModelSpec.From"/> parent, else none (perplexity only). A model that is its own reference is
/// perplexity only too: comparing it with itself would report zero divergence at twice the cost. The coordinator
/// fills <see cref="QualityReferenceModel.Sha256"/> with the file that matched on each node.
/// </summary>
public static class QualityReferences
{
    public static QualityReferenceModel? For(ModelSpec model, ScenarioSpec scenario, IReadOnlyList<ModelSpec> models)
    {
        if (!ScenarioKinds.IsQuality(scenario.Kind) || (scenario.Quality.Reference ?? model.From) is not { } name)
            return null;
        if (string.Equals(name, model.Name, StringComparison.Ordinal))
            return null;
        return models.Any(m => string.Equals(m.Name, name, StringComparison.Ordinal))
            ? new QualityReferenceModel(name, null, null)
            : new QualityReferenceModel(name, null, name);
    }

    /// <summary>The reference as a model to find on a node: the suite's model of that name, or a file model for a path.</summary>
    public static ModelSpec AsModel(QualityReferenceModel reference, IReadOnlyList<ModelSpec> models) =>
        reference.Path is { } path
            ? new ModelSpec { Name = reference.Name, Path = path }
            : models.First(m => string.Equals(m.Name, reference.Name, StringComparison.Ordinal));

    /// <summary>
    /// The .gguf files quality scenarios name as references, as file models: local mode links them into its models
    /// folder with the suite's own model files, so its worker holds them.
    /// </summary>
    public static IEnumerable<ModelSpec> FileModels(SuiteDefinition suite) =>
        suite.Scenarios
            .Where(s => ScenarioKinds.IsQuality(s.Kind) && s.Quality.Reference is { } name && !suite.Models.Any(m => string.Equals(m.Name, name, StringComparison.Ordinal)))
            .Select(s => s.Quality.Reference!)
            .Distinct(StringComparer.Ordinal)
            .Select(path => new ModelSpec { Name = path, Path = path });

    /// <summary>
    /// Suite repetitions do not apply to quality: its figures are a function of the model file, corpus, context and
    /// build (the same windows give the same logits, up to the order of floating-point sums), so a repetition would
    /// measure the same numbers again. One job per quality point.
    /// </summary>
    public static int Repetitions(ScenarioSpec scenario, int suiteRepetitions) =>
        ScenarioKinds.IsQuality(scenario.Kind) ? 1 : suiteRepetitions;

    /// <summary>Why an endpoint cannot run a scenario that drives the in-process engine, or null when it can.</summary>
    public static string? NotOnEndpoint(ModelSpec model, ScenarioSpec scenario) =>
        model.IsInProcess ? null
        : ScenarioKinds.IsMicro(scenario.Kind) ? $"{ScenarioKinds.Name(scenario.Kind)} drives the in-process engine; {model.Name} is a remote endpoint"
        : ScenarioKinds.IsQuality(scenario.Kind) ? $"quality scores the in-process engine's logits; {model.Name} is a remote endpoint, which gives none"
        : null;
}
