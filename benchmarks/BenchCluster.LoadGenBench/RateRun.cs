using BenchCluster.Engine.Timing;
using BenchCluster.Engine.Completions;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Scenarios;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.LoadGenBench;

/// <summary>One requested rate: a Poisson job run by the measurement layer's <see cref="ScenarioRunner"/>, exactly as a worker runs one.</summary>
internal static class RateRun
{
    /// <summary>Prompt length of the trivial requests; the endpoint ignores the prompt.</summary>
    private const int PromptTokens = 16;

    /// <summary>Length of the unreported run before each rate.</summary>
    private const double WarmupSeconds = 2;

    /// <summary>A short unreported run: JIT, connection pool and thread pool reach their steady state for this rate.</summary>
    public static Task WarmUpAsync(ICompletionBackend client, Uri baseUrl, double rate, int tokensPerRequest, CancellationToken cancellationToken) =>
        RunAsync(client, baseUrl, rate, WarmupSeconds, tokensPerRequest, seed: 0, cancellationToken);

    public static async Task<RateResult> RunAsync(
        ICompletionBackend client, Uri baseUrl, double rate, double seconds, int tokensPerRequest, int seed, CancellationToken cancellationToken)
    {
        var requests = Math.Max(1, (int)Math.Round(rate * seconds));
        var probe = new OverheadProbe(client, requests * tokensPerRequest);
        var job = Job(baseUrl, rate, requests, tokensPerRequest, seed);
        var measurement = await new ScenarioRunner().RunAsync(job, probe, cancellationToken: cancellationToken);
        if (measurement.Error is not null)
            throw new InvalidOperationException($"The load run at {rate} req/s failed: {measurement.Error}");
        var measured = measurement.Samples.Where(s => !s.IsWarmup && s.Kind == SampleKind.Request).ToList();
        var stage = measurement.Stages.Single();
        var lastSentNs = measured.Max(s => s.SentNs);
        return new RateResult
        {
            RequestedRate = rate,
            Requests = measured.Count,
            Failed = measured.Count(s => !s.Succeeded),
            AchievedRate = TimeUnits.PerSecond(measured.Count, lastSentNs - stage.StartNs),
            SendLagMs = Distribution.OfNanoseconds(measured.Select(s => s.SentNs - s.ScheduledNs!.Value)),
            // The probe also saw the warm-up requests; their tokens are few and come first.
            TokenDelayMs = Distribution.OfNanoseconds(probe.DelaysNs().Skip(measurement.Samples.Count(s => s.IsWarmup) * tokensPerRequest)),
            Tokens = measured.Sum(s => s.OutputTokens),
        };
    }

    private static JobSpec Job(Uri baseUrl, double rate, int requests, int tokensPerRequest, int seed)
    {
        var model = new ModelSpec
        {
            Name = StampingBackend.ModelName,
            Endpoint = new EndpointSpec { BaseUrl = baseUrl.ToString(), Model = StampingBackend.ModelName },
        };
        var scenario = new ScenarioSpec
        {
            Name = "poisson",
            Kind = ScenarioKind.Poisson,
            Requests = requests,
            Workload = new WorkloadSpec
            {
                PromptTokens = LengthDistribution.Fixed(PromptTokens),
                OutputTokens = LengthDistribution.Fixed(tokensPerRequest),
            },
        };
        var parameters = new JobParameters { Rate = rate };
        return EndpointJob.Create("loadgen-bench", model, scenario, parameters, seed);
    }
}
