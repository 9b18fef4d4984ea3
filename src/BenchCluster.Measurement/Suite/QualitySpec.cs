namespace BenchCluster.Measurement.Suite;

/// <summary>What a quality scenario scores and against what (docs/quality.md).</summary>
public sealed record QualitySpec
{
    /// <summary>The corpus shipped with BenchCluster; any other value is a UTF-8 file path on the worker.</summary>
    public const string BundledCorpus = "bundled";
    /// <summary>llama-perplexity's default window (-c 512).</summary>
    public const int DefaultContextTokens = 512;

    public static QualitySpec Default { get; } = new();

    /// <summary><see cref="BundledCorpus"/> or a UTF-8 text file on the worker.</summary>
    public string Corpus { get; init; } = BundledCorpus;
    /// <summary>Tokens per window; the second half of each window is scored, as llama-perplexity does.</summary>
    public int ContextTokens { get; init; } = DefaultContextTokens;
    /// <summary>At most this many windows from the start of the corpus (llama-perplexity --chunks); null = all.</summary>
    public int? MaxWindows { get; init; }
    /// <summary>
    /// The model compared against: a model name of the suite or a GGUF path on the worker. Null = the model's
    /// <see cref="ModelSpec.From"/> parent, or perplexity only when it has none.
    /// </summary>
    public string? Reference { get; init; }
    /// <summary>A HellaSwag-style JSONL task file on the worker (ctx, endings, label per line); null = no task.</summary>
    public string? Tasks { get; init; }
    /// <summary>At most this many tasks from the start of the file; null = all.</summary>
    public int? MaxTasks { get; init; }
}
