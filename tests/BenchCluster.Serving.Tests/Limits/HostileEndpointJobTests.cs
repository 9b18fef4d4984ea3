using System.Text;
using BenchCluster.Remote;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Scenarios;
using BenchCluster.Measurement.Suite.Parsing;
using BenchCluster.Testing.Reliability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace BenchCluster.Serving.Tests.Limits;

/// <summary>
/// A benchmark job against an endpoint that streams one event forever: every request fails with the limit's name in
/// its sample, the job ends and the next request is tried; nothing hangs or crashes.
/// </summary>
public sealed class HostileEndpointJobTests
{
    private const int Requests = 3;
    private const int EventLimit = 64 * 1024;

    private static readonly JobSpec Job = MatrixExpander.Expand(new SuiteParser().Parse($$$"""
        repetitions: 1
        warmup: 0
        validity: {min_duration_s: 0}
        models: [{preset: tiny, type: f16}]
        scenarios:
          - {kind: concurrency, requests: {{{Requests}}}, workload: {prompt_tokens: 8, output_tokens: 4}, parameters: {concurrency: [1]}}
        """)).Jobs[0];

    [Fact]
    public async Task Every_request_of_a_job_against_an_endless_event_fails_with_the_limit_recorded_in_its_sample()
    {
        var line = Encoding.UTF8.GetBytes("data: " + new string('x', 4096) + "\n");
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        await using var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.MapPost("/v1/completions", async context =>
        {
            context.Response.ContentType = "text/event-stream";
            while (!context.RequestAborted.IsCancellationRequested)
                await context.Response.Body.WriteAsync(line, context.RequestAborted);
        });
        await app.StartAsync();
        var baseUrl = new Uri(new Uri(app.Urls.First()), "v1");
        await using var client = new OpenAiCompatibleBackend(new OpenAiCompatibleOptions { BaseUrl = baseUrl, Model = "m", MaxEventBytes = EventLimit });

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var run = await new ScenarioRunner().RunAsync(Job, client).WaitAsync(TimeSpan.FromMinutes(2));
        var finishedAfter = clock.Elapsed;
        await app.StopAsync();

        var samples = run.Samples.Where(s => !s.IsWarmup).ToList();
        Assert.Equal(Requests, samples.Count);
        Assert.All(samples, s => Assert.False(s.Succeeded));
        Assert.All(samples, s => Assert.Contains($"max_event_bytes = {EventLimit}", s.Error, StringComparison.Ordinal));
        Assert.All(samples, s => Assert.StartsWith("MalformedResponse", s.Error, StringComparison.Ordinal));
        ReliabilityLog.BadInput(new BadInputRecord("event stream", "a benchmark job against an endpoint streaming one endless event", Requests,
            $"each request's sample failed as MalformedResponse naming max_event_bytes = {EventLimit}; the job finished in {finishedAfter.TotalSeconds:0.0} s",
            nameof(Every_request_of_a_job_against_an_endless_event_fails_with_the_limit_recorded_in_its_sample)));
    }
}
