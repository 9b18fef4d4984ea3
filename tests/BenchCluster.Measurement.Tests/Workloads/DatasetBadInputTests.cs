using System.Diagnostics;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Workloads.Datasets;
using BenchCluster.Measurement.Workloads.Inputs;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Measurement.Tests.Workloads;

public sealed class DatasetBadInputTests : IDisposable
{
    private readonly WorkloadDataFiles files = new();

    public void Dispose() => files.Dispose();

    private IReadOnlyList<string> Refused(DatasetFormat format, string path, DatasetLimits? limits = null) =>
        Assert.Throws<WorkloadInputException>(() => DatasetReader.Read(new DatasetSpec { Format = format, Path = path }, files.Root, limits)).Problems;

    [Fact]
    public void Malformed_jsonl_lines_are_refused_naming_file_line_and_fix_and_the_count_of_messages_is_bounded()
    {
        var clock = Stopwatch.StartNew();
        var path = files.Write("bad.jsonl", string.Join('\n',
            "{\"prompt\": \"fine\"}",
            "{oops",
            "[1, 2]",
            "{\"text\": \"no prompt\"}",
            "{\"prompt\": \"\"}",
            "{\"prompt\": \"x\", \"output_tokens\": 0}",
            "{\"prompt\": \"x\", \"output_tokens\": \"ten\"}",
            "{\"prompt\": \"x\", \"output_tokens\": 1.5}",
            "{\"prompt\": \"x\", \"conversation_id\": {\"a\": 1}}",
            "{\"prompt\": \"" + new string('y', 200) + "\"}",
            "{\"prompt\": " + new string('[', 40) + "}"));

        var problems = Refused(DatasetFormat.Jsonl, path, new DatasetLimits { MaxLineChars = 100 });

        Assert.Equal(11, problems.Count);
        Assert.Equal("bad.jsonl: reading stopped at the first 10 problems; fix them and check the file again", problems[^1]);
        Assert.StartsWith("bad.jsonl:2: is not valid JSON", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("bad.jsonl:3: is a JSON array, not an object", problems[1], StringComparison.Ordinal);
        Assert.StartsWith("bad.jsonl:4: has no \"prompt\" text", problems[2], StringComparison.Ordinal);
        Assert.StartsWith("bad.jsonl:5: has no \"prompt\" text", problems[3], StringComparison.Ordinal);
        Assert.All(problems.Skip(4).Take(3), p => Assert.Contains("\"output_tokens\" is", p, StringComparison.Ordinal));
        Assert.Contains("give a whole number from 1", problems[4], StringComparison.Ordinal);
        Assert.StartsWith("bad.jsonl:9: \"conversation_id\" is a JSON object", problems[7], StringComparison.Ordinal);
        Assert.StartsWith("bad.jsonl:10: the line is longer than 100 characters", problems[8], StringComparison.Ordinal);
        Assert.StartsWith("bad.jsonl:11: is not valid JSON", problems[9], StringComparison.Ordinal);
        Assert.Contains("depth", problems[9], StringComparison.OrdinalIgnoreCase);

        var many = files.Write("many-bad.jsonl", string.Join('\n', Enumerable.Repeat("{nope", 100_000)));
        var bounded = Refused(DatasetFormat.Jsonl, many);
        Assert.Equal(11, bounded.Count);
        Assert.Equal("many-bad.jsonl: reading stopped at the first 10 problems; fix them and check the file again", bounded[^1]);
        ReliabilityLog.BadInput(new BadInputRecord("dataset file", "JSONL: invalid JSON, array line, no/empty prompt, output_tokens 0/\"ten\"/1.5, object conversation_id, over-long line, 40-deep nesting; 100,000 bad lines", 11,
            $"refused before the run, each naming file:line and the fix, at most 10 messages, in {clock.Elapsed.TotalMilliseconds:F0} ms",
            nameof(Malformed_jsonl_lines_are_refused_naming_file_line_and_fix_and_the_count_of_messages_is_bounded)));
    }

    [Fact]
    public void Malformed_sharegpt_is_refused_naming_the_line_or_entry_and_the_fix()
    {
        var clock = Stopwatch.StartNew();
        Assert.Contains("is not ShareGPT JSON", Assert.Single(Refused(DatasetFormat.ShareGpt, files.Write("object.json", "{\"conversations\": []}"))), StringComparison.Ordinal);
        var truncated = Assert.Single(Refused(DatasetFormat.ShareGpt, files.Write("cut.json", "[\n{\"conversations\": [{\"from\": \"human\", \"value\": \"q\"}]},\n{\"conversations\": [")));
        Assert.StartsWith("cut.json:3 (after 1 entries): is not ShareGPT JSON", truncated, StringComparison.Ordinal);
        var entries = Refused(DatasetFormat.ShareGpt, files.Write("entries.json", """
            [{"conversations": [{"from": "human", "value": "fine"}]}, 7, {"turns": []}, {"conversations": [{"from": "human"}]}, {"conversations": [{"from": "human", "value": 3}]}]
            """));
        Assert.Equal(4, entries.Count);
        Assert.StartsWith("entries.json:entry 2: is a JSON number, not an object", entries[0], StringComparison.Ordinal);
        Assert.StartsWith("entries.json:entry 3: has no \"conversations\" array", entries[1], StringComparison.Ordinal);
        Assert.StartsWith("entries.json:entry 4: turn 1 is not", entries[2], StringComparison.Ordinal);
        Assert.StartsWith("entries.json:entry 5: turn 1 is not", entries[3], StringComparison.Ordinal);
        var deep = Assert.Single(Refused(DatasetFormat.ShareGpt, files.Write("deep.json", "[" + new string('[', 10_000) + new string(']', 10_001))));
        Assert.Contains("depth", deep, StringComparison.OrdinalIgnoreCase);
        var noHuman = Assert.Single(Refused(DatasetFormat.ShareGpt, files.Write("gpt-only.json", """[{"conversations": [{"from": "gpt", "value": "hi"}]}, {"conversations": []}]""")));
        Assert.Equal("gpt-only.json: no usable entries (2 skipped: prompt longer than 262,144 characters or no human turn); name a dataset with prompts", noHuman);
        Assert.Contains("is not UTF-8", Assert.Single(Refused(DatasetFormat.ShareGpt, files.Write("latin1.json", [.. "[{\"conversations\": [{\"from\": \"human\", \"value\": \""u8, 0xE9, 0xFF, .. "\"}]}]"u8]))), StringComparison.Ordinal);
        ReliabilityLog.BadInput(new BadInputRecord("dataset file", "ShareGPT: object instead of array, truncated array, number entry, no conversations, turn without value, numeric value, 10,000-deep nesting, no human turn, non-UTF-8 bytes", 9,
            $"refused before the run naming file:line or the entry and the fix, in {clock.Elapsed.TotalMilliseconds:F0} ms",
            nameof(Malformed_sharegpt_is_refused_naming_the_line_or_entry_and_the_fix)));
    }

    [Fact]
    public void Missing_empty_or_oversized_files_and_paths_outside_the_workload_data_folder_are_refused()
    {
        var clock = Stopwatch.StartNew();
        Assert.Contains("not found under the workload data folder", Assert.Single(Refused(DatasetFormat.Jsonl, "absent.jsonl")), StringComparison.Ordinal);
        Assert.Equal("empty.jsonl: the file is empty; name a file with at least one record", Assert.Single(Refused(DatasetFormat.Jsonl, files.Write("empty.jsonl", ""))));
        Assert.Equal("blank.jsonl: no entries; name a jsonl dataset with at least one prompt", Assert.Single(Refused(DatasetFormat.Jsonl, files.Write("blank.jsonl", "\n\n  \n"))));
        var big = files.Write("big.jsonl", "{\"prompt\": \"" + new string('z', 5000) + "\"}");
        Assert.Contains("above the bound of 1,000 bytes", Assert.Single(Refused(DatasetFormat.Jsonl, big, new DatasetLimits { MaxFileBytes = 1000 })), StringComparison.Ordinal);
        Directory.CreateDirectory(Path.Combine(files.Root, "folder.jsonl"));
        Assert.Contains("is a folder", Assert.Single(Refused(DatasetFormat.Jsonl, "folder.jsonl")), StringComparison.Ordinal);
        Assert.Contains("is absolute", Assert.Single(Refused(DatasetFormat.Jsonl, "/etc/passwd")), StringComparison.Ordinal);
        var unconfigured = Assert.Throws<WorkloadInputException>(() => WorkloadDataFolder.Resolve("empty.jsonl", root: null));
        Assert.Contains("this node has no workload data folder", Assert.Single(unconfigured.Problems), StringComparison.Ordinal);
        Assert.Contains("through '..'", Assert.Single(Refused(DatasetFormat.Jsonl, "data/../../etc/passwd")), StringComparison.Ordinal);
        var outside = Path.Combine(Path.GetTempPath(), $"benchcluster-outside-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(outside, "{\"prompt\": \"secret\"}");
        try
        {
            File.CreateSymbolicLink(Path.Combine(files.Root, "link.jsonl"), outside);
            Directory.CreateSymbolicLink(Path.Combine(files.Root, "linked"), Path.GetTempPath());
            Assert.Contains("is a symbolic link", Assert.Single(Refused(DatasetFormat.Jsonl, "link.jsonl")), StringComparison.Ordinal);
            Assert.Contains("is a symbolic link", Assert.Single(Refused(DatasetFormat.Jsonl, "linked/" + Path.GetFileName(outside))), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(outside);
        }
        ReliabilityLog.BadInput(new BadInputRecord("dataset file", "missing, empty, blank-only, over the size bound, a folder, absolute path, '..' path, no data folder configured on the node, symbolic link to a file and through a folder outside the data folder", 10,
            $"refused before reading anything outside the workload data folder, each naming the path and the fix, in {clock.Elapsed.TotalMilliseconds:F0} ms",
            nameof(Missing_empty_or_oversized_files_and_paths_outside_the_workload_data_folder_are_refused)));
    }
}
