using System.Diagnostics;
using BenchCluster.Measurement.Quality;
using BenchCluster.Measurement.Quality.Scoring;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Measurement.Tests.Quality;

/// <summary>The window layout llama-perplexity's perplexity() uses: n_ctx chunks, BOS over the first, scoring from n_ctx/2.</summary>
public sealed class PerplexityWindowsTests
{
    [Fact]
    public void A_corpus_is_cut_into_whole_windows_and_the_second_half_of_each_is_scored()
    {
        var windows = PerplexityWindows.Plan(tokenCount: 105, contextTokens: 10, maxWindows: null, "corpus");

        Assert.Equal(10, windows.Windows); // 105 / 10, the last 5 tokens dropped
        Assert.Equal(5, windows.FirstScored);
        Assert.Equal(4, windows.ScoredPerWindow); // rows 5..8 predict tokens 6..9
        Assert.Equal(40, windows.ScoredTokens);
    }

    [Fact]
    public void Each_window_starts_with_bos_in_place_of_its_first_token_when_the_vocabulary_adds_bos()
    {
        var corpus = Enumerable.Range(100, 30).ToArray();
        var windows = PerplexityWindows.Plan(corpus.Length, 10, null, "corpus");
        var buffer = new int[10];

        windows.Fill(corpus, 2, bos: 1, buffer);
        Assert.Equal([1, 121, 122, 123, 124, 125, 126, 127, 128, 129], buffer);

        windows.Fill(corpus, 2, bos: null, buffer);
        Assert.Equal(120, buffer[0]);
    }

    [Fact]
    public void Max_windows_takes_windows_from_the_start()
    {
        Assert.Equal(3, PerplexityWindows.Plan(1000, 10, maxWindows: 3, "corpus").Windows);
        Assert.Equal(100, PerplexityWindows.Plan(1000, 10, maxWindows: 500, "corpus").Windows);
    }

    [Fact]
    public void A_corpus_shorter_than_one_window_is_refused_naming_the_corpus_and_the_fix()
    {
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<QualityInputException>(() => PerplexityWindows.Plan(300, 512, null, "notes.txt"));
        var bad = Assert.Throws<QualityInputException>(() => PerplexityWindows.Plan(300, 64, maxWindows: 0, "notes.txt"));
        clock.Stop();

        Assert.Contains("notes.txt", error.Message);
        Assert.Contains("300 tokens", error.Message);
        Assert.Contains("contextTokens", error.Message);
        Assert.Contains("maxWindows", bad.Message);
        ReliabilityLog.BadInput(new BadInputRecord("quality corpus", "corpus of 300 tokens for 512-token windows; maxWindows 0", 2,
            $"error naming the corpus, its token count and the setting to change, in {clock.Elapsed.TotalMilliseconds:F1} ms, before any decode",
            nameof(A_corpus_shorter_than_one_window_is_refused_naming_the_corpus_and_the_fix)));
    }
}
