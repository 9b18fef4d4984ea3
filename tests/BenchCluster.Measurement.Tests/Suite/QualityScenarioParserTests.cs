using System.Diagnostics;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Suite.Parsing;
using BenchCluster.Measurement.Tests.Quality;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Measurement.Tests.Suite;

public sealed class QualityScenarioParserTests : IDisposable
{
    private const string Models = """
        models:
          - {name: f16, preset: tiny, type: f16}
          - {name: q8, preset: tiny, type: q8_0}
          - {name: api, endpoint: {base_url: "http://127.0.0.1:9911/v1", model: x}}
        """;

    private readonly QualityTempFiles files = new();

    public void Dispose() => files.Dispose();

    /// <summary>Local mode reads corpus and task files under the workload data folder: this test's own folder.</summary>
    private SuiteDefinition Parse(string scenario, bool local = false) =>
        new SuiteParser { CheckLocalFiles = local, WorkloadDataRoot = files.Folder }.Parse($"{Models}\nscenarios:\n  - {scenario}\n", "quality.yaml");

    private IReadOnlyList<SuiteError> Refused(string scenario, bool local = false) =>
        Assert.Throws<SuiteValidationException>(() => Parse(scenario, local)).Errors;

    [Fact]
    public void A_quality_scenario_reads_its_fields_into_the_quality_spec()
    {
        var scenario = Parse("{kind: quality, corpus: data/wiki.txt, context: 256, max_windows: 40, reference: f16, tasks: bundled, max_tasks: 50, parameters: {threads: [4]}}").Scenarios.Single();

        Assert.Equal(ScenarioKind.Quality, scenario.Kind);
        Assert.Equal("quality", scenario.Name);
        Assert.Equal(new QualitySpec { Corpus = "data/wiki.txt", ContextTokens = 256, MaxWindows = 40, Reference = "f16", Tasks = "bundled", MaxTasks = 50 }, scenario.Quality);
        Assert.Equal([4], scenario.Parameters!.Threads);
    }

    [Theory]
    [InlineData("grammar")]
    [InlineData("grammar-train")]
    public void A_built_in_corpus_name_is_taken_in_local_mode_without_a_file(string name)
    {
        var quality = Parse($"{{kind: quality, corpus: {name}}}", local: true).Scenarios.Single().Quality;

        Assert.Equal(name, quality.Corpus);
        Assert.False(File.Exists(Path.Combine(files.Folder, name)));
    }

    [Fact]
    public void Unset_quality_fields_take_the_bundled_corpus_and_llama_perplexity_defaults()
    {
        var quality = Parse("{kind: quality}").Scenarios.Single().Quality;

        Assert.Equal(QualitySpec.Default, quality);
        Assert.Equal(QualitySpec.BundledCorpus, quality.Corpus);
        Assert.Equal(512, quality.ContextTokens);
        Assert.Null(quality.Reference);
    }

    [Fact]
    public void Fields_and_parameters_that_do_not_apply_to_quality_are_refused_with_their_path()
    {
        var clock = Stopwatch.StartNew();
        var errors = Refused("{kind: quality, requests: 10, prompt_tokens: 64, runs: 3, parameters: {depth: [0], concurrency: [2], rate: [1]}}");

        Assert.Contains(errors, e => e.FieldPath == "scenarios[0].requests" && e.Message.Contains("does not apply to quality scenarios", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.FieldPath == "scenarios[0].prompt_tokens");
        Assert.Contains(errors, e => e.FieldPath == "scenarios[0].runs");
        Assert.Contains(errors, e => e.FieldPath == "scenarios[0].parameters.depth" && e.Message.Contains("applies to pp, tg, pg", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.FieldPath == "scenarios[0].parameters.concurrency");
        Assert.Contains(errors, e => e.FieldPath == "scenarios[0].parameters.rate");
        var pp = Assert.Single(Refused("{kind: pp, corpus: bundled}"));
        Assert.Contains("corpus does not apply to pp scenarios; it applies to quality", pp.Message, StringComparison.Ordinal);
        ReliabilityLog.BadInput(new BadInputRecord("suite", "quality scenario with requests, prompt_tokens, runs, depth, concurrency, rate; corpus on a pp scenario", 7,
            $"each refused with its field path and the kinds it applies to, in {clock.Elapsed.TotalMilliseconds:F0} ms",
            nameof(Fields_and_parameters_that_do_not_apply_to_quality_are_refused_with_their_path)));
    }

    [Fact]
    public void Out_of_range_values_an_endpoint_or_unknown_reference_and_max_tasks_without_tasks_are_refused()
    {
        var clock = Stopwatch.StartNew();
        Assert.Contains(Refused("{kind: quality, context: 8}"), e => e.FieldPath == "scenarios[0].context" && e.Message.Contains("from 16 to", StringComparison.Ordinal));
        Assert.Contains(Refused("{kind: quality, context: 99999999}"), e => e.FieldPath == "scenarios[0].context");
        Assert.Contains(Refused("{kind: quality, max_windows: 0}"), e => e.FieldPath == "scenarios[0].max_windows");
        Assert.Contains(Refused("{kind: quality, tasks: bundled, max_tasks: 0}"), e => e.FieldPath == "scenarios[0].max_tasks");
        Assert.Contains(Refused("{kind: quality, corpus: ' spaced.txt'}"), e => e.FieldPath == "scenarios[0].corpus" && e.Message.Contains("surrounding spaces", StringComparison.Ordinal));
        var endpoint = Assert.Single(Refused("{kind: quality, reference: api}"));
        Assert.Equal("scenarios[0].reference", endpoint.FieldPath);
        Assert.Contains("remote endpoint, which gives no logits", endpoint.Message, StringComparison.Ordinal);
        var unknown = Assert.Single(Refused("{kind: quality, reference: f61}"));
        Assert.Contains("neither a model of this suite (f16, q8, api) nor a .gguf file", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("f16", unknown.Message[unknown.Message.IndexOf("name one", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Equal(6, unknown.Line);
        var maxTasks = Assert.Single(Refused("{kind: quality, max_tasks: 5}"));
        Assert.Equal("scenarios[0].max_tasks", maxTasks.FieldPath);
        Assert.Equal("/models/other-f16.gguf", Parse("{kind: quality, reference: /models/other-f16.gguf}").Scenarios.Single().Quality.Reference);
        ReliabilityLog.BadInput(new BadInputRecord("suite", "quality context 8 and 99,999,999, max_windows 0, max_tasks 0, padded corpus path, endpoint reference, misspelt reference, max_tasks without tasks", 8,
            $"each refused with its field path, range or the suite's model names, in {clock.Elapsed.TotalMilliseconds:F0} ms",
            nameof(Out_of_range_values_an_endpoint_or_unknown_reference_and_max_tasks_without_tasks_are_refused)));
    }

    [Fact]
    public void In_local_mode_missing_or_malformed_corpus_task_and_reference_files_are_suite_errors_with_the_field_path()
    {
        var clock = Stopwatch.StartNew();
        var missing = "missing.txt";
        var tasks = Path.GetFileName(files.Write("tasks.jsonl", "{\"ctx\": \"a\", \"endings\": [\"b\", \"c\"], \"label\": 0}\n{\"ctx\": \"a\", \"endings\": [\"b\"], \"label\": 0}\n{oops\n"));
        var reference = Path.Combine(files.Folder, "absent-f16.gguf");

        var errors = Refused($"{{kind: quality, corpus: '{missing}', tasks: '{tasks}', reference: '{reference}'}}", local: true);

        Assert.Contains(errors, e => e.FieldPath == "scenarios[0].corpus" && e.Message.StartsWith($"corpus {missing}: not found under the workload data folder", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.FieldPath == "scenarios[0].tasks" && e.Message.StartsWith($"{tasks}:2: 'endings' has 1 entries", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.FieldPath == "scenarios[0].tasks" && e.Message.StartsWith($"{tasks}:3: not valid JSON", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.FieldPath == "scenarios[0].reference" && e.Message.Contains($"reference file {reference} does not exist", StringComparison.Ordinal));
        Assert.Equal(4, errors.Count);
        Assert.All(errors, e => Assert.Equal(6, e.Line));
        var corpus = Path.GetFileName(files.Write("corpus.txt", "Some text to score."));
        Assert.Equal(corpus, Parse($"{{kind: quality, corpus: '{corpus}', tasks: bundled, reference: f16}}", local: true).Scenarios.Single().Quality.Corpus);
        Assert.Equal(missing, Parse($"{{kind: quality, corpus: '{missing}'}}").Scenarios.Single().Quality.Corpus);
        ReliabilityLog.BadInput(new BadInputRecord("suite", "local run naming a missing corpus, a task file with two malformed lines, a missing reference .gguf", 4,
            $"suite errors at the scenario's line with field paths and file:line, before any model is loaded, in {clock.Elapsed.TotalMilliseconds:F0} ms",
            nameof(In_local_mode_missing_or_malformed_corpus_task_and_reference_files_are_suite_errors_with_the_field_path)));
    }

    [Fact]
    public void Corpus_and_task_paths_that_leave_the_workload_data_folder_are_suite_errors_at_their_field()
    {
        var clock = Stopwatch.StartNew();
        // A folder outside the workload data folder, holding a file no suite may reach.
        using var outside = new QualityTempFiles();
        File.CreateSymbolicLink(Path.Combine(files.Folder, "link.txt"), outside.Write("secret.txt", "not for suites"));

        var absolute = Refused("{kind: quality, corpus: /etc/passwd, tasks: /etc/hosts}");
        var climbing = Refused("{kind: quality, corpus: ../secret.txt, tasks: data/../../t.jsonl}");
        var linked = Refused("{kind: quality, corpus: link.txt, tasks: link.txt}", local: true);

        Assert.Equal(["scenarios[0].corpus", "scenarios[0].tasks"], absolute.Select(e => e.FieldPath));
        Assert.All(absolute, e => Assert.Contains("is absolute; name the file relative to the workload data folder", e.Message, StringComparison.Ordinal));
        Assert.Equal(["scenarios[0].corpus", "scenarios[0].tasks"], climbing.Select(e => e.FieldPath));
        Assert.All(climbing, e => Assert.Contains("leaves the workload data folder through '..'", e.Message, StringComparison.Ordinal));
        Assert.Equal(["scenarios[0].corpus", "scenarios[0].tasks"], linked.Select(e => e.FieldPath));
        Assert.StartsWith("corpus link.txt: ", linked[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("task file link.txt: ", linked[1].Message, StringComparison.Ordinal);
        Assert.All(linked, e => Assert.Contains("is a symbolic link, which could lead outside the workload data folder", e.Message, StringComparison.Ordinal));
        var bundled = Parse("{kind: quality, corpus: bundled, tasks: bundled}", local: true).Scenarios.Single().Quality;
        Assert.Equal(("bundled", "bundled"), (bundled.Corpus, bundled.Tasks));
        ReliabilityLog.BadInput(new BadInputRecord("suite", "quality corpus and tasks: absolute paths, '..' paths, a symbolic link out of the workload data folder (local mode)", 6,
            $"suite errors at scenarios[i].corpus / .tasks naming the path and the fix, before any job exists, in {clock.Elapsed.TotalMilliseconds:F0} ms",
            nameof(Corpus_and_task_paths_that_leave_the_workload_data_folder_are_suite_errors_at_their_field)));
    }
}
