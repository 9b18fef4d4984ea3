using System.Net;
using System.Net.Sockets;
using BenchCluster.Measurement.Cost;
using BenchCluster.Measurement.Metrics;
using BenchCluster.Measurement.Results;
using BenchCluster.Measurement.Scenarios;
using BenchCluster.Measurement.Tests.Results;
using BenchCluster.Measurement.Tests.Scenarios;
using BenchCluster.Remote;

namespace BenchCluster.Measurement.Tests.Remote;

/// <summary>On the remote path, a request that times out counts in TTFT and E2EL at least at its timeout.</summary>
public sealed class RemoteTimeoutLatencyTests
{
    private static readonly TimeSpan FirstEventTimeout = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task A_server_that_never_answers_puts_each_request_in_the_percentiles_at_no_less_than_the_timeout()
    {
        // A server that accepts connections and never answers: every request waits for its first event in vain.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var held = new List<TcpClient>();
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                    held.Add(await listener.AcceptTcpClientAsync(stop.Token));
            }
            catch (OperationCanceledException)
            {
                // the test is over
            }
        });
        var job = Jobs.Remote("{kind: concurrency, requests: 3, workload: {output_tokens: 2}, parameters: {concurrency: [1]}}") with { RepetitionCount = 1 };
        await using var backend = new OpenAiCompatibleBackend(new OpenAiCompatibleOptions
        {
            BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/v1"),
            Model = "silent",
            FirstEventTimeout = FirstEventTimeout,
        });

        var run = await new ScenarioRunner().RunAsync(job, backend);
        await stop.CancelAsync();
        await accepting;
        held.ForEach(c => c.Dispose());

        var measured = run.Samples.Where(s => !s.IsWarmup).ToList();
        Assert.NotEmpty(measured);
        Assert.All(measured, s =>
        {
            Assert.True(s.TimedOut, s.Error);
            Assert.True(RequestMetrics.TtftMs(s) >= FirstEventTimeout.TotalMilliseconds, $"ttft {RequestMetrics.TtftMs(s)} ms");
            Assert.True(RequestMetrics.E2elMs(s) >= FirstEventTimeout.TotalMilliseconds, $"e2el {RequestMetrics.E2elMs(s)} ms");
        });
        var result = ResultAggregator.Aggregate(job.Point, job, [Measurements.Of(job, 0, measured)], new CostInputs());
        var ttft = result.Headline!.Metric(MetricNames.TtftMs)!.Statistics;
        Assert.Equal(measured.Count, ttft.N);
        Assert.True(ttft.P99 >= FirstEventTimeout.TotalMilliseconds, $"p99 {ttft.P99}");
    }
}
