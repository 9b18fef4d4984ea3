using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Suite.Parsing;
using BenchCluster.Measurement.Workloads.Datasets;
using BenchCluster.Measurement.Workloads.Traces;
using BenchCluster.Testing;

namespace BenchCluster.Measurement.Tests.Workloads;

public sealed class CheckedInWorkloadSuitesTests
{
    [Fact]
    public void The_dataset_and_trace_suites_parse_and_their_sample_files_read_from_the_repository_root()
    {
        var root = RepositoryPaths.Root;
        var dataset = new SuiteParser().ParseFile(Path.Combine(root, "benchmarks", "workloads", "dataset.yaml"));
        var trace = new SuiteParser().ParseFile(Path.Combine(root, "benchmarks", "workloads", "trace.yaml"));

        var files = dataset.Scenarios.Select(s => DatasetReader.Read(s.Workload.Dataset!, root)).ToList();
        Assert.Equal([DatasetFormat.ShareGpt, DatasetFormat.Jsonl], dataset.Scenarios.Select(s => s.Workload.Dataset!.Format));
        Assert.Equal((10, 1), (files[0].Input.Records, files[0].Input.Skipped));
        Assert.Equal(10, files[1].Input.Records);
        Assert.All(files[0].Entries, e => Assert.NotNull(e.OutputText));
        var replay = TraceReader.Read(Assert.Single(trace.Scenarios).Trace!, root);
        Assert.InRange(replay.Requests.Count, 10, 48);
        Assert.InRange(replay.Requests[^1].OffsetNs, 1, 30L * 250_000_000);
    }

    [Fact]
    public void The_multi_turn_dataset_suite_parses_and_its_sample_file_reads_as_conversations_within_its_turns()
    {
        var root = RepositoryPaths.Root;
        var suite = new SuiteParser { CheckLocalFiles = true, WorkloadDataRoot = root }.ParseFile(Path.Combine(root, "benchmarks", "workloads", "multi-turn-dataset.yaml"));
        var workload = Assert.Single(suite.Scenarios).Workload;

        var file = DatasetReader.Read(workload.Dataset!, root);
        DatasetConversations.Check(file, DatasetConversations.MaxTurns(workload.Conversation!));
        var conversations = DatasetConversations.Group(DatasetPrompts.ForText(file));

        Assert.Equal(["running", "plants", "note", null], conversations.Select(c => c.Id));
        Assert.Equal([3, 2, 4, 1], conversations.Select(c => c.Turns.Count));
    }
}
