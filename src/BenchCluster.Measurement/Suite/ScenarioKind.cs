using System.Text.Json.Serialization;

namespace BenchCluster.Measurement.Suite;

/// <summary>What a scenario measures; see docs/metrics.md for each one's semantics.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScenarioKind>))]
public enum ScenarioKind
{
    /// <summary>llama-bench pp: a prompt of n tokens at a context depth.</summary>
    Pp,
    /// <summary>llama-bench tg: n tokens generated one at a time at a context depth.</summary>
    Tg,
    /// <summary>llama-bench pg: a prompt then n generated tokens, timed together.</summary>
    Pg,
    /// <summary>llama-batched-bench: N sequences decoded together in one context.</summary>
    Batched,
    /// <summary>Closed loop: N requests always in flight.</summary>
    Concurrency,
    /// <summary>Open loop: exponential inter-arrivals at a rate.</summary>
    Poisson,
    /// <summary>Open loop: gamma inter-arrivals at a rate with a burstiness factor (vLLM).</summary>
    Gamma,
    /// <summary>GuideLLM sweep: synchronous, throughput, then interpolated rates.</summary>
    Sweep,
    /// <summary>The highest rate whose goodput meets the SLOs (vLLM serve_sla).</summary>
    SloSearch,
    /// <summary>
    /// llama-perplexity: perplexity over a corpus in context-sized windows, KL-divergence and top-token agreement
    /// against a reference model's log-probabilities, multiple-choice task accuracy.
    /// </summary>
    Quality,
    /// <summary>Open loop: arrival times and lengths replayed from a CSV trace, scaled and windowed.</summary>
    Trace,
}
