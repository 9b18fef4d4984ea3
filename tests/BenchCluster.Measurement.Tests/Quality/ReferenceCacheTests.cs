using System.Diagnostics;
using BenchCluster.Engine.Inference;
using BenchCluster.Measurement.Quality;
using BenchCluster.Measurement.Quality.Cache;
using BenchCluster.Measurement.Quality.Scoring;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Measurement.Tests.Quality;

/// <summary>The reference cache: what is written is read back, a damaged file is never used, the bound holds before compute.</summary>
public sealed class ReferenceCacheTests
{
    private static readonly VocabularyIdentity Vocabulary = new("qwen2", 8, "gpt2", new string('a', 64));

    private static ReferenceCacheHeader Header(int windows = 2) =>
        new(ReferenceCacheHeader.ComputeKey("ref-sha", "corpus-sha", 8, windows), Vocabulary, 8, windows, 3);

    private static byte[] Row(int seed)
    {
        var logits = Enumerable.Range(0, 8).Select(i => (float)((i * 7 + seed) % 5)).ToArray();
        var row = new byte[ReferenceRow.Bytes(8)];
        ReferenceRow.Encode(logits, seed % 8, row);
        return row;
    }

    private static string Write(ReferenceLogProbCache cache, ReferenceCacheHeader header)
    {
        using var writer = cache.Create(header, "ref.gguf");
        for (var r = 0; r < header.Rows; r++)
            writer.WriteRow(Row(r));
        writer.Commit();
        return writer.Path;
    }

    [Fact]
    public void Rows_written_are_read_back_in_order_from_a_file_named_by_the_key()
    {
        using var files = new QualityTempFiles();
        var cache = new ReferenceLogProbCache(files.Folder, ReferenceLogProbCache.DefaultMaxBytes);
        var header = Header();

        var path = Write(cache, header);
        using var reader = cache.TryOpen(header, "ref.gguf", out var problem);

        Assert.Null(problem);
        Assert.NotNull(reader);
        Assert.Equal(Convert.ToHexStringLower(header.Key) + ReferenceLogProbCache.Extension, Path.GetFileName(path));
        Assert.Equal(header.FileBytes, new FileInfo(path).Length);
        var row = new byte[header.RowBytes];
        for (var r = 0; r < header.Rows; r++)
        {
            reader.ReadRow(row);
            Assert.Equal(Row(r), row);
        }
        Assert.Single(Directory.GetFiles(files.Folder)); // no temporary file left behind
    }

    [Fact]
    public void The_key_changes_with_each_input_it_depends_on()
    {
        var keys = new[]
        {
            ReferenceCacheHeader.ComputeKey("a", "c", 512, 10), ReferenceCacheHeader.ComputeKey("b", "c", 512, 10),
            ReferenceCacheHeader.ComputeKey("a", "d", 512, 10), ReferenceCacheHeader.ComputeKey("a", "c", 256, 10),
            ReferenceCacheHeader.ComputeKey("a", "c", 512, 11),
        }.Select(Convert.ToHexString).ToList();

        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public void A_corrupt_or_truncated_cache_is_detected_deleted_and_reported_as_a_miss()
    {
        using var files = new QualityTempFiles();
        var cache = new ReferenceLogProbCache(files.Folder, ReferenceLogProbCache.DefaultMaxBytes);
        var header = Header();
        var clock = Stopwatch.StartNew();

        var path = Write(cache, header);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        var flipped = cache.TryOpen(header, "ref.gguf", out var flippedProblem);
        var flippedDeleted = !File.Exists(path);

        Write(cache, header);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^10]);
        var truncated = cache.TryOpen(header, "ref.gguf", out var truncatedProblem);
        clock.Stop();

        Assert.Null(flipped);
        Assert.Contains("checksum", flippedProblem);
        Assert.True(flippedDeleted);
        Assert.Null(truncated);
        Assert.Contains("truncated", truncatedProblem);
        Assert.False(File.Exists(path));
        ReliabilityLog.BadInput(new BadInputRecord("quality reference cache", "cache file with one flipped bit; cache file cut short by 10 bytes", 2,
            $"detected by checksum / length, deleted and recomputed as a miss, never read, in {clock.Elapsed.TotalMilliseconds:F1} ms",
            nameof(A_corrupt_or_truncated_cache_is_detected_deleted_and_reported_as_a_miss)));
    }

    [Fact]
    public void A_writer_disposed_before_commit_leaves_no_file_that_could_be_read()
    {
        using var files = new QualityTempFiles();
        var cache = new ReferenceLogProbCache(files.Folder, ReferenceLogProbCache.DefaultMaxBytes);
        var header = Header();

        using (var writer = cache.Create(header, "ref.gguf"))
            writer.WriteRow(Row(0));

        Assert.Empty(Directory.GetFiles(files.Folder));
        Assert.Null(cache.TryOpen(header, "ref.gguf", out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public void A_cache_over_its_bound_is_refused_before_any_file_is_created_with_the_figure_and_the_fix()
    {
        using var files = new QualityTempFiles();
        var header = Header(windows: 100);
        var cache = new ReferenceLogProbCache(Path.Combine(files.Folder, "cache"), maxBytes: header.FileBytes - 1);
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<QualityInputException>(() => cache.Create(header, "ref.gguf"));
        clock.Stop();

        Assert.Contains($"{header.FileBytes:N0} bytes", error.Message);
        Assert.Contains("maxWindows", error.Message);
        Assert.Contains(ReferenceLogProbCache.MaxBytesVariable, error.Message);
        Assert.False(Directory.Exists(cache.Folder));
        ReliabilityLog.BadInput(new BadInputRecord("quality reference cache", "reference log-probabilities one byte over the cache bound", 1,
            $"error with the size, the bound and both fixes in {clock.Elapsed.TotalMilliseconds:F1} ms, nothing written, no compute",
            nameof(A_cache_over_its_bound_is_refused_before_any_file_is_created_with_the_figure_and_the_fix)));
    }

    [Fact]
    public void A_sound_cache_of_the_reference_with_another_vocabulary_is_refused_and_kept()
    {
        using var files = new QualityTempFiles();
        var cache = new ReferenceLogProbCache(files.Folder, ReferenceLogProbCache.DefaultMaxBytes);
        var header = Header();
        var path = Write(cache, header);

        var error = Assert.Throws<QualityInputException>(() =>
            cache.TryOpen(header with { Vocabulary = Vocabulary with { TokenizerModel = "llama" } }, "ref.gguf", out _));

        Assert.Contains("ref.gguf", error.Message);
        Assert.Contains("tokenizer model", error.Message);
        Assert.True(File.Exists(path));
    }
}
