using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using BenchCluster.Measurement.Quality;
using BenchCluster.Measurement.Quality.Corpora;
using BenchCluster.Measurement.Quality.Tasks;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Tests.Workloads;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Measurement.Tests.Quality;

public sealed class CorpusSourceTests : IDisposable
{
    private readonly WorkloadDataFiles files = new();

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
    public void The_grammar_corpora_are_built_in_distinct_and_the_held_out_one_is_not_a_part_of_the_training_one()
    {
        var train = CorpusSource.Load(BuiltInCorpora.GrammarTrain);
        var heldOut = CorpusSource.Load(BuiltInCorpora.Grammar);

        Assert.Equal(BuiltInCorpora.GrammarTrain, train.Name);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(train.Text))), train.Sha256);
        Assert.InRange(Encoding.UTF8.GetByteCount(train.Text), 150_000, 250_000);
        Assert.InRange(Encoding.UTF8.GetByteCount(heldOut.Text), 30_000, 60_000);
        Assert.NotEqual(train.Sha256, heldOut.Sha256);
        // Another seed, not a slice: the held-out text's opening paragraphs do not occur in the training text.
        var opening = heldOut.Text.Split("\n\n").Take(5).ToArray();
        Assert.All(opening, paragraph => Assert.DoesNotContain(paragraph, train.Text, StringComparison.Ordinal));
        Assert.Same(train, CorpusSource.LoadFromCommandLine(BuiltInCorpora.GrammarTrain));
    }

    [Fact]
    public void A_utf8_file_is_read_whole_with_the_hash_of_its_bytes_including_a_byte_order_mark()
    {
        byte[] bytes = [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes("Grüße aus Harrowmere.\nZweite Zeile.\n")];
        var path = files.Write("corpus.txt", bytes);

        var corpus = CorpusSource.Load(path, files.Root);

        Assert.Equal(path, corpus.Name);
        Assert.Equal("Grüße aus Harrowmere.\nZweite Zeile.\n", corpus.Text);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), corpus.Sha256);
    }

    [Fact]
    public void Missing_folder_empty_non_utf8_and_oversized_corpora_are_refused_naming_the_file_and_the_fix()
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(Path.Combine(files.Root, "folder"));
        var empty = files.Write("empty.txt", " \n\n\t\n");
        var latin1 = files.Write("latin1.txt", [(byte)'a', (byte)'b', 0xE9, (byte)'c']);
        var large = files.Write("large.txt", new string('x', 2000));
        (Func<CorpusText> Load, string File, string Problem, string Fix)[] cases =
        [
            (() => CorpusSource.Load("nope.txt", files.Root), "nope.txt", "not found under the workload data folder", "copy the file there"),
            (() => CorpusSource.Load("folder", files.Root), "folder", "is a folder", "name a file under the workload data folder"),
            (() => CorpusSource.Load(empty, files.Root), empty, "the corpus is empty", "corpus: bundled"),
            (() => CorpusSource.Load(latin1, files.Root), latin1, "is not UTF-8 (invalid byte near offset 2)", "save the corpus as UTF-8"),
            (() => CorpusSource.Load(large, files.Root, maxBytes: 1000), large, "2,000 bytes, above the bound of 1,000 bytes", "use a shorter file"),
        ];
        foreach (var (load, file, problem, fix) in cases)
        {
            var e = Assert.Throws<QualityInputException>(() => load());
            Assert.Equal(file, e.File);
            Assert.Contains($"{file}: ", e.Message, StringComparison.Ordinal);
            Assert.Contains(problem, e.Message, StringComparison.Ordinal);
            Assert.Contains(fix, e.Message, StringComparison.Ordinal);
        }
        ReliabilityLog.BadInput(new BadInputRecord("quality corpus", "missing file, folder, whitespace-only, Latin-1 byte, file above the size bound", cases.Length,
            $"QualityInputException naming the file, the problem (byte offset for bad UTF-8) and the fix, all {cases.Length} in {clock.Elapsed.TotalMilliseconds:F0} ms",
            nameof(Missing_folder_empty_non_utf8_and_oversized_corpora_are_refused_naming_the_file_and_the_fix)));
    }

    [Fact]
    public void Corpus_and_task_paths_outside_the_workload_data_folder_are_refused_naming_the_field_and_one_under_it_is_read()
    {
        var clock = Stopwatch.StartNew();
        // A folder outside the workload data folder, holding a file no suite may reach.
        using var outside = new QualityTempFiles();
        var secret = outside.Write("secret.txt", "not for suites");
        File.CreateSymbolicLink(Path.Combine(files.Root, "link.txt"), secret);
        Directory.CreateSymbolicLink(Path.Combine(files.Root, "linked"), outside.Folder);
        (Func<object> Load, string Expected)[] cases =
        [
            (() => CorpusSource.Load(secret, files.Root), $"corpus {secret}: '{secret}' is absolute; name the file relative to the workload data folder"),
            (() => CorpusSource.Load("data/../../secret.txt", files.Root), "corpus data/../../secret.txt: 'data/../../secret.txt' leaves the workload data folder through '..'"),
            (() => CorpusSource.Load("link.txt", files.Root), $"corpus link.txt: {Path.Combine(files.Root, "link.txt")} is a symbolic link, which could lead outside the workload data folder"),
            (() => CorpusSource.Load("linked/secret.txt", files.Root), $"corpus linked/secret.txt: {Path.Combine(files.Root, "linked")} is a symbolic link"),
            (() => TaskFileReader.Read(secret, null, files.Root), $"task file {secret}: '{secret}' is absolute"),
            (() => TaskFileReader.Read("../secret.txt", null, files.Root), "task file ../secret.txt: '../secret.txt' leaves the workload data folder through '..'"),
            (() => TaskFileReader.Read("link.txt", null, files.Root), $"task file link.txt: {Path.Combine(files.Root, "link.txt")} is a symbolic link"),
        ];
        foreach (var (load, expected) in cases)
            Assert.StartsWith(expected, Assert.Single(Assert.Throws<QualityInputException>(load).Problems), StringComparison.Ordinal);

        var corpus = CorpusSource.Load(files.Write("texts/corpus.txt", "Text to score, under the folder."), files.Root);
        Assert.Equal(("texts/corpus.txt", "Text to score, under the folder."), (corpus.Name, corpus.Text));
        var tasks = TaskFileReader.Read(files.Write("texts/tasks.jsonl", "{\"ctx\": \"a\", \"endings\": [\"b\", \"c\"], \"label\": 1}\n"), null, files.Root);
        Assert.Equal(("texts/tasks.jsonl", 1), (tasks.Path, tasks.Tasks[0].Label));
        ReliabilityLog.BadInput(new BadInputRecord("quality corpus and task file", "absolute path, '..' path, symbolic link to a file and through a folder outside the workload data folder, for the corpus and the task file", cases.Length,
            $"refused before reading anything outside the folder, each naming the field (corpus / task file), the path and the fix, all {cases.Length} in {clock.Elapsed.TotalMilliseconds:F0} ms",
            nameof(Corpus_and_task_paths_outside_the_workload_data_folder_are_refused_naming_the_field_and_one_under_it_is_read)));
    }
}
