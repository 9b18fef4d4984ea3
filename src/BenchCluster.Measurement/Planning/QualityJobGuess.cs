using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Quality.Corpora;
using BenchCluster.Measurement.Workloads.Inputs;

namespace BenchCluster.Measurement.Planning;

/// <summary>
/// Tokens a quality job evaluates, guessed without a tokenizer: the corpus's windows (max_windows, else its bytes
/// at <see cref="BytesPerToken"/>), once more for the reference when its log-probabilities are not cached yet (the
/// guess assumes they are not), and the task file's contexts and endings.
/// </summary>
internal static class QualityJobGuess
{
    /// <summary>English prose under the BPE vocabularies of today's models: about four bytes a token.</summary>
    public const double BytesPerToken = 4;
    /// <summary>A corpus file this machine cannot see: about the size of the bundled one.</summary>
    public const double UnseenCorpusBytes = 60_000;
    /// <summary>A task's context, evaluated once for its endings (they share it as a prefix, as in llama-perplexity).</summary>
    public const double TokensPerTaskContext = 32;
    public const double TokensPerEnding = 16;
    public const double EndingsPerTask = 4;
    /// <summary>Tasks of a file this machine cannot see when max_tasks is unset.</summary>
    public const double UnseenTasks = 200;

    public static double Tokens(JobSpec job)
    {
        var quality = job.Scenario.Quality;
        var windows = quality.MaxWindows ?? Math.Max(1, Math.Floor(CorpusBytes(quality.Corpus) / BytesPerToken / quality.ContextTokens));
        var corpus = windows * quality.ContextTokens * (job.Reference is null ? 1 : 2);
        var tasks = quality.Tasks is null ? 0 : (quality.MaxTasks ?? UnseenTasks) * (TokensPerTaskContext + (EndingsPerTask * TokensPerEnding));
        return corpus + tasks;
    }

    /// <summary>Only a file under this machine's workload data folder is looked at, as only such a file would be read.</summary>
    private static double CorpusBytes(string corpus)
    {
        if (BuiltInCorpora.Find(corpus) is { } builtIn)
            return builtIn.Text.Length;
        try
        {
            return new FileInfo(WorkloadDataFolder.Resolve(corpus, WorkloadDataFolder.Root)).Length;
        }
        catch (Exception e) when (e is WorkloadInputException or IOException or UnauthorizedAccessException)
        {
            return UnseenCorpusBytes;
        }
    }
}
