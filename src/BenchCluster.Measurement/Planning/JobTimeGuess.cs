using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Planning;

/// <summary>
/// How long one job (one repetition of a point) may take when nothing of it was measured before: its warm-up and
/// measured parts' tokens divided by a throughput guess for the node's device. The guesses are deliberately round
/// figures for a small model; a dry run says which estimates are guessed, and measured durations replace them.
/// </summary>
public static class JobTimeGuess
{
    public const double CpuPromptTokensPerSecond = 100;
    public const double CpuGenerationTokensPerSecond = 10;
    public const double GpuPromptTokensPerSecond = 2000;
    public const double GpuGenerationTokensPerSecond = 60;
    /// <summary>A hosted endpoint: the other side's hardware, unknown to us.</summary>
    public const double RemotePromptTokensPerSecond = 1000;
    public const double RemoteGenerationTokensPerSecond = 50;

    /// <summary>Seconds of one job on a node of <paramref name="deviceKind"/> ("cpu", "gpu"; an endpoint's jobs use the remote guess).</summary>
    public static double Seconds(JobSpec job, string deviceKind)
    {
        var (prompt, generation) = job.Model.IsInProcess
            ? string.Equals(deviceKind, "gpu", StringComparison.OrdinalIgnoreCase)
                ? (GpuPromptTokensPerSecond, GpuGenerationTokensPerSecond)
                : (CpuPromptTokensPerSecond, CpuGenerationTokensPerSecond)
            : (RemotePromptTokensPerSecond, RemoteGenerationTokensPerSecond);
        var scenario = job.Scenario;
        var depth = job.Parameters.Depth / prompt;
        return scenario.Kind switch
        {
            ScenarioKind.Pp => Runs(job) * (depth + (scenario.PromptTokens / prompt)),
            ScenarioKind.Tg => Runs(job) * (depth + (scenario.OutputTokens / generation)),
            ScenarioKind.Pg => Runs(job) * (depth + (scenario.PromptTokens / prompt) + (scenario.OutputTokens / generation)),
            // Sequences decoded together cost about one sequence's steps each; their prompts are processed in full.
            ScenarioKind.Batched => Runs(job) * (depth + ((job.Parameters.Concurrency ?? 1) * scenario.PromptTokens / prompt) + (scenario.OutputTokens / generation)),
            ScenarioKind.Quality => QualityJobGuess.Tokens(job) / prompt,
            _ => RequestLevel(job, prompt, generation),
        };
    }

    private static double Runs(JobSpec job) => job.Warmup + job.Scenario.MeasuredRuns;

    /// <summary>Requests are assumed served one after another (a CPU engine's usual case); an open loop waits at least for its arrivals.</summary>
    private static double RequestLevel(JobSpec job, double prompt, double generation)
    {
        var scenario = job.Scenario;
        var perRequest = (Mean(scenario.Workload.PromptTokens) / prompt) + (Mean(scenario.Workload.OutputTokens) / generation);
        // A trace replays at most max_requests over at least its scaled window.
        var requests = scenario.Trace?.MaxRequests ?? scenario.Requests;
        var stage = requests * perRequest;
        if (job.Parameters.Rate is > 0 and var rate)
            stage = Math.Max(stage, requests / rate);
        if (scenario.Trace is { WindowSeconds: { } window } trace)
            stage = Math.Max(stage, window * trace.TimeScale);
        var stages = scenario.Kind switch
        {
            ScenarioKind.Sweep => scenario.SweepPoints,
            ScenarioKind.SloSearch => scenario.SearchSteps + 1,
            _ => 1,
        };
        var warmup = job.Warmup * (job.Parameters.Concurrency ?? 1) * perRequest;
        return warmup + (stages * stage);
    }

    private static double Mean(LengthDistribution lengths) => lengths.Kind switch
    {
        DistributionKind.Uniform => (lengths.Min + (double)lengths.Max) / 2,
        _ => Math.Clamp(lengths.Mean, lengths.Min, lengths.Max),
    };
}
