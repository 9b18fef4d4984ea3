using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Workloads.Inputs;

namespace BenchCluster.Measurement.Quality.Corpora;

/// <summary>
/// Loads the text a quality job scores: a corpus shipped with BenchCluster (<see cref="BuiltInCorpora"/>: original
/// text written for the project, CC0; Quality/Corpora/BundledCorpus.LICENSE.md) or a UTF-8 file a suite names, read
/// under the node's workload data folder like datasets and traces (<see cref="WorkloadDataFolder"/>).
/// </summary>
public static class CorpusSource
{
    /// <summary>A corpus is read whole into memory; 64 MiB is far more text than any quality run scores.</summary>
    public const long MaxCorpusBytes = 64L * 1024 * 1024;

    private const string What = "corpus";

    /// <summary>The bundled corpus.</summary>
    public static CorpusText Bundled => BuiltInCorpora.Find(BuiltInCorpora.Bundled)!;

    /// <summary>
    /// A built-in corpus (<see cref="QualitySpec.BundledCorpus"/>, grammar, grammar-train) or a suite-named file relative
    /// to the workload data folder (<paramref name="root"/>, else BENCHCLUSTER_WORKLOAD_DATA); throws
    /// <see cref="QualityInputException"/> naming the file.
    /// </summary>
    public static CorpusText Load(string corpus, string? root = null, long maxBytes = MaxCorpusBytes) =>
        BuiltInCorpora.Find(corpus) ?? FromBytes(corpus, QualityFileBytes.ReadSuiteFile(corpus, root, maxBytes, What));

    /// <summary>
    /// A built-in corpus or any file, for the operator's own command line (benchcluster train --corpus), never for a
    /// path from a suite: whoever types it may read the file anyway.
    /// </summary>
    public static CorpusText LoadFromCommandLine(string corpus) =>
        BuiltInCorpora.Find(corpus) ?? LoadFile(corpus, MaxCorpusBytes);

    /// <summary>Any file under <paramref name="maxBytes"/>; only for paths that do not come from a suite.</summary>
    public static CorpusText LoadFile(string path, long maxBytes)
    {
        var bytes = QualityFileBytes.Read(path, maxBytes, What);
        return FromBytes(path, bytes);
    }

    internal static CorpusText FromBytes(string name, byte[] bytes)
    {
        var text = QualityFileBytes.Decode(name, bytes, What);
        if (string.IsNullOrWhiteSpace(text))
            throw new QualityInputException(name, $"{name}: the corpus is empty; name a file with text to score, or use corpus: {QualitySpec.BundledCorpus}");
        return new CorpusText(name, QualityFileBytes.Sha256(bytes), text);
    }
}
