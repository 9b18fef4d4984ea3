using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Workloads;
using BenchCluster.Measurement.Workloads.Datasets;
using BenchCluster.Measurement.Workloads.Inputs;
using BenchCluster.Measurement.Workloads.Traces;

namespace BenchCluster.Measurement.Scenarios;

/// <summary>
/// The files a request-level job reads before it sends anything, on the node that runs it: the workload's dataset
/// (as conversations too where the workload has <c>conversation:</c>) and the trace to replay. A bad file ends the
/// job with its messages before any request is sent.
/// </summary>
internal sealed record RequestInputs(IReadOnlyList<DatasetPrompt>? Dataset, TraceFile? Trace, IReadOnlyList<WorkloadInputFile> Files)
{
    public static RequestInputs None { get; } = new(null, null, []);

    /// <summary>The dataset's conversations (multi-turn workloads); null otherwise.</summary>
    public IReadOnlyList<DatasetConversation>? Conversations { get; init; }

    /// <summary>Reads them; <paramref name="bounds"/> (in-process only) is what one serving slot holds.</summary>
    public static async Task<RequestInputs> LoadAsync(
        JobSpec job, IPromptTokenizer? tokenizer, PromptBounds? bounds, string? root, CancellationToken cancellationToken)
    {
        var files = new List<WorkloadInputFile>();
        IReadOnlyList<DatasetPrompt>? dataset = null;
        IReadOnlyList<DatasetConversation>? conversations = null;
        var conversation = job.Scenario.Workload.Conversation;
        if (job.Scenario.Workload.Dataset is { Format: not DatasetFormat.Bundled } spec)
        {
            // Read on the thread pool: the ShareGPT reader blocks on an async JSON stream, which on a worker's grain
            // (a single-threaded task scheduler) would wait for a continuation queued behind itself and never return.
            var file = await Task.Run(() => DatasetReader.Read(spec, root), cancellationToken);
            if (conversation is not null)
                DatasetConversations.Check(file, DatasetConversations.MaxTurns(conversation));
            if (tokenizer is not null && bounds is not null)
            {
                var (prompts, input) = await DatasetPrompts.ForTokensAsync(file, tokenizer, bounds, cancellationToken, wholeConversations: conversation is not null);
                dataset = prompts;
                files.Add(input);
            }
            else
            {
                dataset = DatasetPrompts.ForText(file);
                files.Add(file.Input);
            }
            if (conversation is not null)
                conversations = DatasetConversations.Group(dataset);
        }
        TraceFile? trace = null;
        if (job.Scenario.Kind == ScenarioKind.Trace)
        {
            var traceSpec = job.Scenario.Trace
                ?? throw new WorkloadInputException("trace", $"Scenario {job.Scenario.Name} (trace) names no trace file; set trace.path");
            trace = Clip(await Task.Run(() => TraceReader.Read(traceSpec, root), cancellationToken), bounds);
            files.Add(trace.Input);
        }
        return files.Count == 0 ? None : new RequestInputs(dataset, trace, files) { Conversations = conversations };
    }

    /// <summary>In-process, a row longer than a slot holds is cut to it (its arrival time is kept) and counted.</summary>
    private static TraceFile Clip(TraceFile trace, PromptBounds? bounds)
    {
        if (bounds is null)
            return trace;
        var clipped = 0;
        var requests = trace.Requests.Select(r =>
        {
            if (r.ContextTokens <= bounds.MaxPromptTokens && r.GeneratedTokens <= bounds.MaxOutputTokens)
                return r;
            clipped++;
            return r with { ContextTokens = Math.Min(r.ContextTokens, bounds.MaxPromptTokens), GeneratedTokens = Math.Min(r.GeneratedTokens, bounds.MaxOutputTokens) };
        }).ToList();
        return new TraceFile(requests, trace.Input with { Clipped = clipped });
    }
}
