using BenchCluster.Engine.Inference;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Matrix;

/// <summary>How a worker configures the engine for a job: model load options and the session's settings.</summary>
public static class EngineSettings
{
    /// <summary>Continuous-batching slots for request-level scenarios when the job does not say (sweep / slo-search throughput stage).</summary>
    public const int DefaultServingSlots = 32;
    /// <summary>KV cells per slot a serving context reserves beyond the longest request, for the prompt builder's rounding.</summary>
    private const int ServingContextMarginTokens = 16;

    public static ModelLoadOptions LoadOptions(JobSpec job) => new() { GpuLayers = job.Parameters.GpuLayers ?? 0 };

    /// <summary>
    /// Session settings. n_ctx is sized like llama-bench (prompt + generated + depth) so the measured work and the
    /// KV cache it touches are the same; batched and request-level runs reserve room for every sequence.
    /// </summary>
    public static SessionOptions SessionOptions(JobSpec job)
    {
        var p = job.Parameters;
        var defaults = new SessionOptions();
        var sequences = Sequences(job);
        return defaults with
        {
            Threads = p.Threads ?? defaults.Threads,
            BatchSize = p.BatchSize ?? defaults.BatchSize,
            MicroBatchSize = p.MicroBatchSize ?? defaults.MicroBatchSize,
            KvCacheType = p.KvType ?? defaults.KvCacheType,
            FlashAttention = p.FlashAttention ?? defaults.FlashAttention,
            MaxSequences = sequences,
            ContextSize = ContextTokens(job, sequences),
        };
    }

    /// <summary>Parallel sequences the session must hold: the batch for batched runs, the serving slots for request-level runs.</summary>
    public static int Sequences(JobSpec job) => job.Scenario.Kind switch
    {
        ScenarioKind.Pp or ScenarioKind.Tg or ScenarioKind.Pg or ScenarioKind.Quality => 1,
        ScenarioKind.Batched or ScenarioKind.Concurrency => job.Parameters.Concurrency ?? 1,
        _ => job.Scenario.MaxConcurrency ?? DefaultServingSlots,
    };

    private static int ContextTokens(JobSpec job, int sequences)
    {
        var s = job.Scenario;
        return s.Kind switch
        {
            ScenarioKind.Pp => job.Parameters.Depth + s.PromptTokens,
            ScenarioKind.Tg => job.Parameters.Depth + s.OutputTokens,
            ScenarioKind.Pg => job.Parameters.Depth + s.PromptTokens + s.OutputTokens,
            ScenarioKind.Batched => sequences * (s.PromptTokens + s.OutputTokens),
            // One window at a time, as llama-perplexity -c: the window is the whole context.
            ScenarioKind.Quality => s.Quality.ContextTokens,
            // Multi-turn: the last turn holds the whole conversation (WorkloadLengths).
            _ => checked(sequences * (int)(WorkloadLengths.MaxRequestTokens(s.Workload) + ServingContextMarginTokens)),
        };
    }

    /// <summary>An upper length for an unbounded distribution: mean + 4 standard deviations.</summary>
    internal static int PlausibleMax(LengthDistribution d) => WorkloadLengths.PlausibleMax(d);
}
