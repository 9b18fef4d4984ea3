using System.Text.Json.Serialization;

namespace BenchCluster.Measurement.Samples;

/// <summary>What one raw sample timed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SampleKind>))]
public enum SampleKind
{
    /// <summary>One request through an <c>ICompletionBackend</c> (concurrency, open-loop, sweep, slo-search).</summary>
    Request,
    /// <summary>One llama-bench "pp" run: a prompt decoded at a context depth.</summary>
    Prompt,
    /// <summary>One llama-bench "tg" or "pg" run: tokens generated one at a time (after a prompt for "pg").</summary>
    Generation,
    /// <summary>One sequence of a batched run (llama-batched-bench).</summary>
    BatchedSequence,
}
