using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using BenchCluster.Measurement.Quality;
using BenchCluster.Measurement.Quality.Tasks;
using BenchCluster.Measurement.Tests.Workloads;
using BenchCluster.Testing;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Measurement.Tests.Quality;

public sealed class TaskFileReaderTests : IDisposable
{
    private const string Good = """{"ctx": "She poured the tea and", "endings": ["sat by the window.", "the moon boiled.", "seven bridges sang.", "a volcano filed taxes."], "label": 0}""";

    private readonly WorkloadDataFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void HellaSwag_fields_are_read_with_activity_label_prefix_string_labels_blank_lines_and_unknown_fields()
    {
        var text = Good.Replace("She poured", "She\u2028poured", StringComparison.Ordinal) + "\r\n\n" + """{"ind": 4, "activity_label": "Baking", "ctx": "He pressed the dough", "endings": ["and it sprang back.", "into the river."], "label": "1", "split": "val"}""" + "\n";
        var path = files.Write("tasks.jsonl", text);

        var file = TaskFileReader.Read(path, maxTasks: null, files.Root);

        Assert.Equal(path, file.Path);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), file.Sha256);
        Assert.Equal(2, file.Tasks.Count);
        Assert.Equal("She\u2028poured the tea and", file.Tasks[0].Context);
        Assert.Equal(4, file.Tasks[0].Endings.Count);
        Assert.Equal(0, file.Tasks[0].Label);
        Assert.Equal("Baking: He pressed the dough", file.Tasks[1].Context);
        Assert.Equal(["and it sprang back.", "into the river."], file.Tasks[1].Endings);
        Assert.Equal(1, file.Tasks[1].Label);
    }

    [Fact]
    public void Max_tasks_keeps_the_first_tasks_and_leaves_later_lines_unread_while_the_hash_covers_the_whole_file()
    {
        var text = Good + "\n" + Good.Replace("She", "He", StringComparison.Ordinal) + "\nthis line is never read\n";
        var path = files.Write("tasks.jsonl", text);

        var file = TaskFileReader.Read(path, maxTasks: 2, files.Root);

        Assert.Equal(2, file.Tasks.Count);
        Assert.StartsWith("He", file.Tasks[1].Context, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), file.Sha256);
    }

    [Fact]
    public void The_bundled_task_file_has_a_hundred_or_more_four_ending_tasks()
    {
        var file = TaskFileReader.Read(TaskFileReader.BundledTasks, maxTasks: null);

        Assert.Equal(TaskFileReader.BundledTasks, file.Path);
        Assert.InRange(file.Tasks.Count, 100, 200);
        Assert.All(file.Tasks, task => Assert.Equal(HellaSwagTextWriter.EndingsPerTask, task.Endings.Count));
        Assert.Equal(HellaSwagTextWriter.EndingsPerTask, file.Tasks.Select(task => task.Label).Distinct().Count());
        Assert.Equal(10, TaskFileReader.Read(TaskFileReader.BundledTasks, maxTasks: 10).Tasks.Count);
    }

    [Fact]
    public void Every_malformed_line_is_named_by_file_and_line_with_its_problem()
    {
        var clock = Stopwatch.StartNew();
        (string Line, string Problem)[] cases =
        [
            ("{not json", "not valid JSON"),
            ("[1, 2]", "a task is a JSON object with ctx, endings and label, not a array"),
            ("""{"endings": ["a", "b"], "label": 0}""", "'ctx' must be a non-empty string"),
            ("""{"ctx": "c", "endings": "a b", "label": 0}""", "'endings' must be an array of 2 to 8 strings"),
            ("""{"ctx": "c", "endings": ["a"], "label": 0}""", "'endings' has 1 entries; a task has 2 to 8"),
            ("""{"ctx": "c", "endings": ["a","b","c","d","e","f","g","h","i"], "label": 0}""", "'endings' has 9 entries"),
            ("""{"ctx": "c", "endings": ["a", 7], "label": 0}""", "endings[1] must be a non-empty string"),
            ("""{"ctx": "c", "endings": ["a", "b\nc"], "label": 0}""", "endings[1] contains a line break"),
            ("""{"ctx": "c", "endings": ["a", "b"]}""", "'label' must be the index of the right ending"),
            ("""{"ctx": "c", "endings": ["a", "b"], "label": 1.5}""", "'label' must be the index of the right ending"),
            ("""{"ctx": "c", "endings": ["a", "b"], "label": 2}""", "'label' is 2, but there are 2 endings (0 to 1)"),
            ("""{"ctx": "c", "endings": ["a", "b"], "label": -1}""", "'label' is -1"),
            ("""{"ctx": {"deep": [[[1]]]}, "endings": ["a", "b"], "label": 0}""", "not valid JSON"),
        ];
        var path = files.Write("bad.jsonl", Good + "\n" + string.Join("\n", cases.Select(c => c.Line)) + "\n");

        var e = Assert.Throws<QualityInputException>(() => TaskFileReader.Read(path, maxTasks: null, files.Root));

        Assert.Equal(cases.Length, e.Problems.Count);
        for (var i = 0; i < cases.Length; i++)
        {
            Assert.StartsWith($"{path}:{i + 2}: ", e.Problems[i], StringComparison.Ordinal);
            Assert.Contains(cases[i].Problem, e.Problems[i], StringComparison.Ordinal);
        }
        ReliabilityLog.BadInput(new BadInputRecord("quality task file", "malformed JSONL lines: not JSON, not an object, missing/mistyped ctx, endings, label, label out of range, line break in an ending, nesting past 3", cases.Length,
            $"one QualityInputException listing every line as file:line and its problem, {cases.Length} lines in {clock.Elapsed.TotalMilliseconds:F0} ms",
            nameof(Every_malformed_line_is_named_by_file_and_line_with_its_problem)));
    }

    [Fact]
    public void Reading_stops_after_the_error_bound_and_oversized_lines_endings_files_and_counts_are_refused()
    {
        var clock = Stopwatch.StartNew();
        var limits = new TaskFileLimits { MaxErrors = 3, MaxLineChars = 300, MaxEndingChars = 25, MaxTasks = 2, MaxFileBytes = 4096 };
        var manyBad = files.Write("many.jsonl", string.Join("\n", Enumerable.Repeat("oops", 1000)));
        var longLine = files.Write("long.jsonl", Good.Replace("She poured", new string('x', 400), StringComparison.Ordinal));
        var longEnding = files.Write("ending.jsonl", Good.Replace("sat by the window.", new string('y', 30), StringComparison.Ordinal));
        var tooMany = files.Write("count.jsonl", string.Join("\n", Enumerable.Repeat(Good, 3)));
        var huge = files.Write("huge.jsonl", string.Join("\n", Enumerable.Repeat(Good, 40)));
        var empty = files.Write("empty.jsonl", "\n  \n");

        var stopped = Assert.Throws<QualityInputException>(() => TaskFileReader.Read(manyBad, null, files.Root, new TaskFileLimits { MaxErrors = 3 }));
        Assert.Equal(4, stopped.Problems.Count);
        Assert.Equal($"{manyBad}:3: not valid JSON", stopped.Problems[2][..($"{manyBad}:3: not valid JSON".Length)]);
        Assert.Contains("stopped after 3 bad lines", stopped.Problems[3], StringComparison.Ordinal);
        Assert.Contains("above the bound of 300", Single(longLine, limits), StringComparison.Ordinal);
        Assert.Contains("endings[0] is 30 characters, above the bound of 25", Single(longEnding, limits), StringComparison.Ordinal);
        Assert.Contains($"{tooMany}:3: more than 2 tasks", Single(tooMany, limits), StringComparison.Ordinal);
        Assert.Contains("above the bound of 4,096 bytes", Single(huge, limits), StringComparison.Ordinal);
        Assert.Contains("the task file has no tasks", Single(empty, limits), StringComparison.Ordinal);
        Assert.Contains("task file none.jsonl: not found under the workload data folder", Single("none.jsonl", limits), StringComparison.Ordinal);
        ReliabilityLog.BadInput(new BadInputRecord("quality task file", "1,000 bad lines, a line/ending/file above its bound, more tasks than the bound, empty file, missing file", 7,
            $"stopped at the error bound (3 listed + 1 note) and each bound named with the file, all 7 in {clock.Elapsed.TotalMilliseconds:F0} ms",
            nameof(Reading_stops_after_the_error_bound_and_oversized_lines_endings_files_and_counts_are_refused)));
    }

    [Fact]
    public void The_writer_gives_llama_perplexity_six_lines_per_task_and_refuses_other_than_four_endings()
    {
        var path = files.Write("tasks.jsonl", Good + "\n" + Good.Replace("\"label\": 0", "\"label\": 3", StringComparison.Ordinal));
        var tasks = TaskFileReader.Read(path, null, files.Root).Tasks;

        var lines = HellaSwagTextWriter.Write(tasks).Split('\n');

        Assert.Equal(13, lines.Length);
        Assert.Equal(["She poured the tea and", "0", "sat by the window.", "the moon boiled.", "seven bridges sang.", "a volcano filed taxes."], lines[..6]);
        Assert.Equal("3", lines[7]);
        Assert.Equal("", lines[12]);
        var two = new QualityTask("c", ["a", "b"], 0);
        Assert.Throws<ArgumentException>(() => HellaSwagTextWriter.Write([two]));
    }

    [Fact]
    public void The_committed_llama_perplexity_text_of_the_bundled_tasks_is_what_the_writer_gives()
    {
        var committed = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "benchmarks", "quality", "bundled-tasks.hellaswag.txt"));

        var written = HellaSwagTextWriter.Write(TaskFileReader.Read(TaskFileReader.BundledTasks, maxTasks: null).Tasks);

        Assert.Equal(written, committed);
        Assert.Equal(150 * 6, committed.Split('\n').Length - 1);
    }

    private string Single(string path, TaskFileLimits limits) =>
        Assert.Single(Assert.Throws<QualityInputException>(() => TaskFileReader.Read(path, null, files.Root, limits)).Problems);
}
