using System.Diagnostics;
using BenchCluster.Engine.Timing;
using BenchCluster.Measurement.Quality;
using BenchCluster.Measurement.Quality.Cache;
using BenchCluster.Measurement.Quality.Scoring;

namespace BenchCluster.Measurement.Scenarios;

/// <summary>
/// The quality scenario (docs/quality.md): perplexity over the corpus in llama-perplexity's windows and, with a
/// reference, KL-divergence, top-1 agreement and Δ perplexity against the reference's cached log-probabilities, then
/// task accuracy when a task file is given. Every input is checked before any window is scored.
/// </summary>
public static class QualityScenario
{
    /// <summary>
    /// Scores the corpus. <paramref name="windowScored"/> gets each measured window's start and end (monotonic ns), so
    /// the job keeps one raw sample per window beside its quality figures.
    /// </summary>
    public static async Task<QualityMeasurement> RunAsync(IQualityModel model, QualityInputs inputs, Action? beginMeasured,
        CancellationToken cancellationToken, Action<int, long, long>? windowScored = null)
    {
        var tokens = await model.TokenizeAsync(inputs.Corpus.Text, cancellationToken);
        var windows = PerplexityWindows.Plan(tokens.Length, inputs.Spec.ContextTokens, inputs.Spec.MaxWindows, inputs.Corpus.Name);
        ReferenceCacheReader? reference = null;
        string? referenceSource = null;
        try
        {
            if (inputs.Reference is { } source)
                (reference, referenceSource) = await OpenReferenceAsync(model, source, inputs, windows, tokens, cancellationToken);

            beginMeasured?.Invoke();
            var sink = new ModelWindowSink(windows, reference, model.VocabularySize);
            var clock = Stopwatch.StartNew();
            for (var w = 0; w < windows.Windows; w++)
            {
                windows.Fill(tokens, w, model.WindowStartToken, sink.Window);
                var startNs = MonotonicClock.NowNs();
                await model.ScoreAsync(sink.Window, windows.FirstScored, sink, cancellationToken);
                windowScored?.Invoke(w, startNs, MonotonicClock.NowNs());
            }
            var seconds = clock.Elapsed.TotalSeconds;
            var perplexity = Math.Exp(sink.Nll.Mean);
            var tasks = inputs.Tasks is { } set ? await MultipleChoiceScorer.ScoreAsync(model, set, windows.ContextTokens, cancellationToken) : null;
            return new QualityMeasurement
            {
                CorpusName = inputs.Corpus.Name,
                CorpusSha256 = inputs.Corpus.Sha256,
                ContextTokens = windows.ContextTokens,
                Windows = windows.Windows,
                ScoredTokens = sink.Nll.Count,
                Perplexity = perplexity,
                PerplexityError = perplexity * sink.Nll.Error,
                ScoredTokensPerSecond = seconds > 0 ? sink.Nll.Count / seconds : 0,
                IsSyntheticModel = model.IsSynthetic,
                Reference = sink.Comparison?.Result(inputs.Reference!.Name, inputs.Reference.Sha256, referenceSource!),
                Tasks = tasks,
            };
        }
        finally
        {
            reference?.Dispose();
        }
    }

    /// <summary>
    /// The reference's rows from the cache, or computed once into it: the reference is loaded only on a miss, its
    /// vocabulary checked against the model's before its first window, and freed as soon as its rows are written.
    /// </summary>
    private static async Task<(ReferenceCacheReader Reader, string Source)> OpenReferenceAsync(IQualityModel model, QualityReferenceSource source,
        QualityInputs inputs, PerplexityWindows windows, int[] tokens, CancellationToken cancellationToken)
    {
        var cache = inputs.Cache ?? throw new ArgumentException("A quality job with a reference needs a reference cache.", nameof(inputs));
        var key = ReferenceCacheHeader.ComputeKey(source.Sha256, inputs.Corpus.Sha256, windows.ContextTokens, windows.Windows);
        var header = new ReferenceCacheHeader(key, model.Vocabulary, windows.ContextTokens, windows.Windows, windows.ScoredPerWindow);
        cache.CheckSize(header, source.Name);
        var cached = cache.TryOpen(header, source.Name, out _);
        if (cached is not null)
            return (cached, $"cache:{cached.Path}");

        var opened = await source.OpenAsync(cancellationToken);
        try
        {
            var difference = model.Vocabulary.Difference(opened.Model.Vocabulary);
            if (difference is not null)
                throw new QualityInputException(source.Name,
                    $"The reference {source.Name} cannot be compared with {model.Name}: {difference}. " +
                    "Name a reference of the same architecture and tokenizer (the model's F16/BF16 parent) as quality.reference.");
            using (var writer = cache.Create(header, source.Name))
            {
                var sink = new ReferenceRowSink(windows, writer, model.VocabularySize);
                for (var w = 0; w < windows.Windows; w++)
                {
                    windows.Fill(tokens, w, opened.Model.WindowStartToken, sink.Window);
                    await opened.Model.ScoreAsync(sink.Window, windows.FirstScored, sink, cancellationToken);
                }
                writer.Commit();
            }
        }
        finally
        {
            await opened.Owner.DisposeAsync();
        }
        var written = cache.TryOpen(header, source.Name, out var problem)
            ?? throw new IOException($"The reference cache just written for {source.Name} cannot be read back: {problem}");
        return (written, "computed");
    }
}
