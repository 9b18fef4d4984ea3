using System.Text.Json.Nodes;
using BenchCluster.Remote;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Metrics;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Scenarios;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Workloads;

namespace BenchCluster.LoadGenBench.ServingParity;

/// <summary>
/// One concurrency level against one server: a closed-loop `concurrency` job run by the measurement layer's
/// <see cref="ScenarioRunner"/> through BenchCluster's remote backend, exactly as a worker runs one against an endpoint.
/// </summary>
internal static class ParityRun
{
    /// <summary>
    /// Fields both servers receive on top of what the remote backend sends (greedy: temperature 0, seed, ignore_eos,
    /// min_tokens): no prompt cache, and llama-server's sampler chain reduced to top-k 1, the same argmax over the
    /// logits that serve's greedy sampler takes (serve ignores both fields; at temperature 0 it samples greedily).
    /// </summary>
    private static readonly Dictionary<string, JsonNode?> SameWork = new()
    {
        ["cache_prompt"] = false,
        ["samplers"] = new JsonArray("top_k"),
        ["top_k"] = 1,
    };

    public static async Task<RunResult> RunAsync(
        ServerProcess server, ParitySettings settings, int concurrency, int requests, int seed, IPromptTokenizer tokenizer, CancellationToken cancellationToken)
    {
        await using var client = new OpenAiCompatibleBackend(new OpenAiCompatibleOptions
        {
            BaseUrl = server.ApiBaseUrl,
            Model = ServerCommandLines.ModelName,
            ExtraBodyFields = SameWork,
        });
        var job = Job(server, settings, concurrency, requests, seed);
        var measurement = await new ScenarioRunner().RunAsync(job, client, tokenizer, cancellationToken);
        if (measurement.Error is not null)
            throw new InvalidOperationException($"{server.Name} at concurrency {concurrency}: {measurement.Error}");
        var measured = measurement.Samples.Where(s => !s.IsWarmup && s.Kind == SampleKind.Request).ToList();
        var failed = measured.Where(s => !s.Succeeded).ToList();
        if (failed.Count > 0)
            throw new InvalidOperationException($"{server.Name} at concurrency {concurrency}: {failed.Count} of {measured.Count} requests failed, first: {failed[0].Error}");
        var incomplete = measured.FirstOrDefault(s => s.EffectiveOutputTokens != settings.OutputTokens);
        if (incomplete is not null)
            throw new InvalidOperationException($"{server.Name} at concurrency {concurrency}: a request produced {incomplete.EffectiveOutputTokens} tokens instead of {settings.OutputTokens}.");
        return new RunResult
        {
            Server = server.Name,
            Concurrency = concurrency,
            OutputTokensPerSecond = measured.Sum(s => s.EffectiveOutputTokens) / measurement.MeasuredSeconds,
            TtftMs = measured.Select(RequestMetrics.TtftMs).OfType<double>().ToList(),
            TpotMs = measured.Select(RequestMetrics.TpotMs).OfType<double>().ToList(),
        };
    }

    private static JobSpec Job(ServerProcess server, ParitySettings settings, int concurrency, int requests, int seed)
    {
        var model = new ModelSpec
        {
            Name = ServerCommandLines.ModelName,
            Endpoint = new EndpointSpec { BaseUrl = server.ApiBaseUrl.ToString(), Model = ServerCommandLines.ModelName },
        };
        var scenario = new ScenarioSpec
        {
            Name = "concurrency",
            Kind = ScenarioKind.Concurrency,
            Requests = requests,
            Workload = new WorkloadSpec
            {
                PromptTokens = LengthDistribution.Fixed(settings.PromptTokens),
                OutputTokens = LengthDistribution.Fixed(settings.OutputTokens),
            },
        };
        var parameters = new JobParameters { Concurrency = concurrency };
        return EndpointJob.Create("serving-parity", model, scenario, parameters, seed);
    }
}
