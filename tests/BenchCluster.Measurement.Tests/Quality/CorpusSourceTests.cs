using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using BenchCluster.Measurement.Quality;
using BenchCluster.Measurement.Quality.Corpora;
using BenchCluster.Measurement.Suite;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Measurement.Tests.Quality;

public sealed class CorpusSourceTests : IDisposable
{
    private readonly QualityTempFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void The_bundled_corpus_is_over_60_KB_of_paragraphs_with_the_hash_of_its_bytes()
    {
        var corpus = CorpusSource.Load(QualitySpec.BundledCorpus);

        Assert.Equal(QualitySpec.BundledCorpus, corpus.Name);
        var bytes = Encoding.UTF8.GetBytes(corpus.Text);
        Assert.True(bytes.Length >= 60_000, $"{bytes.Length} bytes");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), corpus.Sha256);
        Assert.True(corpus.Text.Split("\n\n").Length >= 100, "paragraphs separated by blank lines");
        Assert.Same(corpus, CorpusSource.Bundled);
    }

    [Fact]
    public void A_utf8_file_is_read_whole_with_the_hash_of_its_bytes_including_a_byte_order_mark()
    {
        byte[] bytes = [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes("Grüße aus Harrowmere.\nZweite Zeile.\n")];
        var path = files.Write("corpus.txt", bytes);

        var corpus = CorpusSource.Load(path);

        Assert.Equal(path, corpus.Name);
        Assert.Equal("Grüße aus Harrowmere.\nZweite Zeile.\n", corpus.Text);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), corpus.Sha256);
    }

    [Fact]
    public void Missing_folder_empty_non_utf8_and_oversized_corpora_are_refused_naming_the_file_and_the_fix()
    {
        var clock = Stopwatch.StartNew();
        var missing = Path.Combine(files.Folder, "nope.txt");
        var empty = files.Write("empty.txt", " \n\n\t\n");
        var latin1 = files.Write("latin1.txt", [(byte)'a', (byte)'b', 0xE9, (byte)'c']);
        var large = files.Write("large.txt", new string('x', 2000));
        (Func<CorpusText> Load, string File, string Problem, string Fix)[] cases =
        [
            (() => CorpusSource.Load(missing), missing, "corpus not found", "check the path"),
            (() => CorpusSource.Load(files.Folder), files.Folder, "is a folder", "name a UTF-8 text file"),
            (() => CorpusSource.Load(empty), empty, "the corpus is empty", "corpus: bundled"),
            (() => CorpusSource.Load(latin1), latin1, "is not UTF-8 (invalid byte near offset 2)", "save the corpus as UTF-8"),
            (() => CorpusSource.LoadFile(large, 1000), large, "2,000 bytes, above the bound of 1,000 bytes", "use a shorter file"),
        ];
        foreach (var (load, file, problem, fix) in cases)
        {
            var e = Assert.Throws<QualityInputException>(() => load());
            Assert.Equal(file, e.File);
            Assert.StartsWith(file, e.Message, StringComparison.Ordinal);
            Assert.Contains(problem, e.Message, StringComparison.Ordinal);
            Assert.Contains(fix, e.Message, StringComparison.Ordinal);
        }
        ReliabilityLog.BadInput(new BadInputRecord("quality corpus", "missing file, folder, whitespace-only, Latin-1 byte, file above the size bound", cases.Length,
            $"QualityInputException naming the file, the problem (byte offset for bad UTF-8) and the fix, all {cases.Length} in {clock.Elapsed.TotalMilliseconds:F0} ms",
            nameof(Missing_folder_empty_non_utf8_and_oversized_corpora_are_refused_naming_the_file_and_the_fix)));
    }
}
