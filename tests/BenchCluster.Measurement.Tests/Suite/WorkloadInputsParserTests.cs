using System.Diagnostics;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Suite.Parsing;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Measurement.Tests.Suite;

public sealed class WorkloadInputsParserTests : IDisposable
{
    /// <summary>Local mode reads files under the working folder (as benchcluster run sets it); each test writes into its own folder there.</summary>
    private readonly string _folder = $"workload-inputs-{Guid.NewGuid():N}";

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private static SuiteDefinition Parse(string scenarios, bool local = false) =>
        new SuiteParser { CheckLocalFiles = local, WorkloadDataRoot = Environment.CurrentDirectory }.Parse($"models: [{{preset: tiny, type: f16}}]\nscenarios:\n{scenarios}", "workloads.yaml");

    private static IReadOnlyList<SuiteError> Refused(string scenarios, bool local = false) =>
        Assert.Throws<SuiteValidationException>(() => Parse(scenarios, local)).Errors;

    [Fact]
    public void Dataset_and_trace_fields_are_read_and_a_bundled_dataset_keeps_the_point_key_of_a_suite_without_one()
    {
        var suite = Parse("""
              - {kind: poisson, workload: {dataset: {format: sharegpt, path: data/chat.json, max_entries: 500}}, parameters: {rate: [2]}}
              - {kind: trace, trace: {path: data/trace.csv, time_scale: 0.5, start_s: 60, window_s: 120, max_requests: 300}}
              - {kind: trace, name: whole, trace: {path: data/trace.csv}}
            """);

        Assert.Equal(new DatasetSpec { Format = DatasetFormat.ShareGpt, Path = "data/chat.json", MaxEntries = 500 }, suite.Scenarios[0].Workload.Dataset);
        Assert.Equal(new TraceSpec { Path = "data/trace.csv", TimeScale = 0.5, StartSeconds = 60, WindowSeconds = 120, MaxRequests = 300 }, suite.Scenarios[1].Trace);
        Assert.Equal(new TraceSpec { Path = "data/trace.csv" }, suite.Scenarios[2].Trace);
        Assert.Null(suite.Scenarios[0].Trace);
        var bundled = MatrixExpander.Expand(Parse("  - {kind: poisson, workload: {dataset: {format: bundled}}, parameters: {rate: [2]}}")).Jobs[0];
        var plain = MatrixExpander.Expand(Parse("  - {kind: poisson, parameters: {rate: [2]}}")).Jobs[0];
        Assert.Null(bundled.Scenario.Workload.Dataset);
        Assert.Equal(plain.Point.Id, bundled.Point.Id);
    }

    [Fact]
    public void Bad_dataset_and_trace_fields_are_refused_with_their_field_paths()
    {
        var clock = Stopwatch.StartNew();
        Assert.Contains(Refused("  - {kind: poisson, workload: {dataset: {format: csv, path: a.csv}}, parameters: {rate: [1]}}"), e => e.FieldPath == "scenarios[0].workload.dataset.format");
        Assert.Contains(Refused("  - {kind: poisson, workload: {dataset: {format: jsonl}}, parameters: {rate: [1]}}"), e => e.FieldPath == "scenarios[0].workload.dataset.path" && e.Message.Contains("required", StringComparison.Ordinal));
        Assert.Contains(Refused("  - {kind: poisson, workload: {dataset: {format: jsonl, path: /etc/passwd}}, parameters: {rate: [1]}}"), e => e.FieldPath == "scenarios[0].workload.dataset.path" && e.Message.Contains("absolute", StringComparison.Ordinal));
        Assert.Contains(Refused("  - {kind: poisson, workload: {dataset: {format: jsonl, path: ../x.jsonl}}, parameters: {rate: [1]}}"), e => e.FieldPath == "scenarios[0].workload.dataset.path" && e.Message.Contains("'..'", StringComparison.Ordinal));
        Assert.Contains(Refused("  - {kind: poisson, workload: {dataset: {format: bundled, path: a.jsonl}}, parameters: {rate: [1]}}"), e => e.FieldPath == "scenarios[0].workload.dataset.path");
        Assert.Contains(Refused("  - {kind: poisson, workload: {dataset: {format: jsonl, path: a.jsonl, max_entries: 0}}, parameters: {rate: [1]}}"), e => e.FieldPath == "scenarios[0].workload.dataset.max_entries");
        Assert.Contains(Refused("  - {kind: trace}"), e => e.FieldPath == "scenarios[0].trace" && e.Message.Contains("required", StringComparison.Ordinal));
        Assert.Contains(Refused("  - {kind: trace, trace: {path: t.csv, time_scale: 0}}"), e => e.FieldPath == "scenarios[0].trace.time_scale");
        Assert.Contains(Refused("  - {kind: trace, trace: {path: t.csv, start_s: -1}}"), e => e.FieldPath == "scenarios[0].trace.start_s");
        Assert.Contains(Refused("  - {kind: trace, trace: {path: t.csv, window_s: 0}}"), e => e.FieldPath == "scenarios[0].trace.window_s");
        Assert.Contains(Refused("  - {kind: trace, trace: {path: t.csv, rate: 3}}"), e => e.FieldPath == "scenarios[0].trace.rate");
        Assert.Contains(Refused("  - {kind: trace, trace: {path: t.csv}, parameters: {rate: [3]}}"), e => e.FieldPath == "scenarios[0].parameters.rate");
        Assert.Contains(Refused("  - {kind: poisson, trace: {path: t.csv}, parameters: {rate: [3]}}"), e => e.FieldPath == "scenarios[0].trace");
        ReliabilityLog.BadInput(new BadInputRecord("suite", "dataset format csv, no path, absolute and '..' paths, path on bundled, max_entries 0; trace missing, time_scale 0, start_s -1, window_s 0, unknown field, rate on trace, trace on poisson", 13,
            $"each refused with its field path and the fix, in {clock.Elapsed.TotalMilliseconds:F0} ms",
            nameof(Bad_dataset_and_trace_fields_are_refused_with_their_field_paths)));
    }

    [Fact]
    public void In_local_mode_a_malformed_dataset_or_trace_is_a_suite_error_naming_its_line_before_any_job_runs()
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, "bad.jsonl"), "{\"prompt\": \"ok\"}\n{\"prompt\": 3}\n");
        File.WriteAllText(Path.Combine(_folder, "trace.csv"), "TIMESTAMP,ContextTokens,GeneratedTokens\n5,10,2\n4,10,2\n");

        var errors = Refused($$$"""
              - {kind: poisson, workload: {dataset: {format: jsonl, path: {{{_folder}}}/bad.jsonl}}, parameters: {rate: [1]}}
              - {kind: trace, trace: {path: {{{_folder}}}/trace.csv}}
              - {kind: trace, name: gone, trace: {path: {{{_folder}}}/absent.csv}}
            """, local: true);

        Assert.Contains(errors, e => e.FieldPath == "scenarios[0].workload.dataset.path" && e.Message == $"{_folder}/bad.jsonl:2: has no \"prompt\" text; every line needs a non-empty \"prompt\" string");
        Assert.Contains(errors, e => e.FieldPath == "scenarios[1].trace.path" && e.Message.StartsWith($"{_folder}/trace.csv:3: TIMESTAMP 4 is earlier than line 2's", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.FieldPath == "scenarios[2].trace.path" && e.Message.Contains("not found under the workload data folder", StringComparison.Ordinal));
        Assert.DoesNotContain(Parse($"  - {{kind: trace, trace: {{path: {_folder}/absent.csv}}}}").Scenarios, s => s.Trace is null);
        ReliabilityLog.BadInput(new BadInputRecord("suite", "local mode: a JSONL dataset with a numeric prompt, an unsorted trace, a missing trace", 3,
            $"suite errors with the field path and file:line before any model loads, in {clock.Elapsed.TotalMilliseconds:F0} ms",
            nameof(In_local_mode_a_malformed_dataset_or_trace_is_a_suite_error_naming_its_line_before_any_job_runs)));
    }

    [Fact]
    public void In_local_mode_a_dataset_conversation_longer_than_conversation_turns_is_a_suite_error_naming_its_line()
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, "chats.jsonl"), string.Join('\n', Enumerable.Range(1, 3).Select(t => $"{{\"prompt\": \"turn {t}\", \"conversation_id\": \"c\"}}")));
        var scenario = $$$"""  - {kind: concurrency, workload: {dataset: {format: jsonl, path: {{{_folder}}}/chats.jsonl}, conversation: {turns: TURNS}}, parameters: {concurrency: [1]}}""";

        var error = Assert.Single(Refused(scenario.Replace("TURNS", "2", StringComparison.Ordinal), local: true));

        Assert.Equal("scenarios[0].workload.dataset.path", error.FieldPath);
        Assert.StartsWith($"{_folder}/chats.jsonl:3: conversation \"c\" reaches turn 3 here, more than conversation.turns allows (2); raise conversation.turns", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, Parse(scenario.Replace("TURNS", "3", StringComparison.Ordinal), local: true).Scenarios[0].Workload.Conversation!.Turns.Max);
        ReliabilityLog.BadInput(new BadInputRecord("suite", "local mode: a JSONL conversation of 3 turns under conversation.turns 2", 1,
            $"a suite error with the field path, file:line and the fix before any model loads, in {clock.Elapsed.TotalMilliseconds:F0} ms",
            nameof(In_local_mode_a_dataset_conversation_longer_than_conversation_turns_is_a_suite_error_naming_its_line)));
    }
}
