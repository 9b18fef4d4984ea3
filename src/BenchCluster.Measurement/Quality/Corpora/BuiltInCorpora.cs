namespace BenchCluster.Measurement.Quality.Corpora;

/// <summary>
/// The corpora shipped inside BenchCluster, named in a suite (<c>corpus: grammar</c>) or on the command line
/// (<c>benchcluster train --corpus grammar-train</c>) instead of a file. All are original text written for the
/// project, CC0 (Quality/Corpora/BundledCorpus.LICENSE.md).
/// </summary>
public static class BuiltInCorpora
{
    /// <summary>Original English prose (78 kB): everyday scenes, science, invented histories, dialogue.</summary>
    public const string Bundled = "bundled";

    /// <summary>
    /// Held-out text of the grammar corpus (about 40 kB): sentences of a small English grammar (stories, habits,
    /// invented capitals, sums, counts, calendar order) from another seed than <see cref="GrammarTrain"/>, so a model
    /// trained on that one is scored on sentences it has not seen.
    /// </summary>
    public const string Grammar = "grammar";

    /// <summary>
    /// The grammar corpus the trained tiny model learns from: structured enough that a 4-layer model learns more
    /// than token frequencies in minutes (docs/quality.md, "The trained tiny model").
    /// </summary>
    public const string GrammarTrain = "grammar-train";

    private static readonly Dictionary<string, Lazy<CorpusText>> Corpora = new(StringComparer.Ordinal)
    {
        [Bundled] = Embedded(Bundled, "BenchCluster.Measurement.QualityCorpus.txt"),
        [Grammar] = Embedded(Grammar, "BenchCluster.Measurement.GrammarCorpus.eval.txt"),
        [GrammarTrain] = Embedded(GrammarTrain, "BenchCluster.Measurement.GrammarCorpus.train.txt"),
    };

    /// <summary>The names, for help texts and errors.</summary>
    public static IReadOnlyList<string> Names { get; } = [Bundled, Grammar, GrammarTrain];

    /// <summary>The names as help text: "bundled, grammar or grammar-train".</summary>
    public static string NamesText => $"{string.Join(", ", Names.Take(Names.Count - 1))} or {Names[^1]}";

    public static bool IsBuiltIn(string corpus) => Corpora.ContainsKey(corpus);

    /// <summary>The built-in corpus of that name, or null when the name is a file path.</summary>
    public static CorpusText? Find(string corpus) => Corpora.TryGetValue(corpus, out var text) ? text.Value : null;

    private static Lazy<CorpusText> Embedded(string name, string resource) =>
        new(() => CorpusSource.FromBytes(name, QualityFileBytes.Embedded(resource)));
}
