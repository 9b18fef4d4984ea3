using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BenchCluster.Cluster.Tests.Infrastructure;
using BenchCluster.Hosting.Silos;
using BenchCluster.Http.Auth;
using BenchCluster.Testing;
using BenchCluster.Testing.Reliability;
using Npgsql;
using Xunit.Abstractions;

namespace BenchCluster.Cluster.Tests;

/// <summary>The HTTP API of a real coordinator process with a real worker: submit, follow, read, and who submitted.</summary>
[Collection(ClusterCollection.Name)]
public sealed class HttpApiTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_suite_submitted_over_http_runs_to_done_its_results_report_and_compare_read_back_and_it_records_the_token_name()
    {
        var tokensFile = Path.Combine(RepositoryPaths.Scratch("http-api"), "api-tokens-" + Guid.NewGuid().ToString("N")[..8]);
        var token = ApiTokenFile.Add(tokensFile, "carol");
        var url = $"http://127.0.0.1:{SiloEndpoint.FreePort()}";
        await using var cluster = await ClusterHarness.CreateAsync(output);
        cluster.StartCoordinator(extraArguments: ["--http", url, "--api-tokens", tokensFile]);
        cluster.StartWorker("worker-a", ClusterHarness.ModelsFolder("a", TestModels.Get("tiny", "f16")));
        await cluster.WaitForWorkersAsync("worker-a");
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        // The client claims another name in every place it can; only the token counts.
        http.DefaultRequestHeaders.Add("X-Submitted-By", "mallory");

        var watch = Stopwatch.StartNew();
        using var submit = await http.PostAsync("/api/runs?name=http.yaml&submittedBy=mallory", new StringContent(TestSuites.OneTinyModel(repetitions: 2, outputTokens: 8)));
        Assert.True(submit.StatusCode == HttpStatusCode.Created, $"{submit.StatusCode}: {await submit.Content.ReadAsStringAsync()}\n{cluster.AllOutput()}");
        var submitted = await submit.Content.ReadFromJsonAsync<JsonElement>();
        var runId = Guid.Parse(submitted.GetProperty("runId").GetString()!);
        Assert.Equal(2, submitted.GetProperty("totalJobs").GetInt32());

        var done = await FollowUntilDoneAsync(http, runId);
        Assert.True(done.GetProperty("status").GetString() == "completed", $"{done}\n{cluster.AllOutput()}");
        Assert.Equal(2, done.GetProperty("succeededJobs").GetInt32());
        watch.Stop();

        var results = await http.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/results");
        var record = Assert.Single(results.EnumerateArray());
        Assert.Equal("tiny-f16", record.GetProperty("model").GetString());
        Assert.Equal("worker-a", record.GetProperty("node").GetString());
        Assert.True(record.GetProperty("tokensPerSecond").GetDouble() > 0);
        Assert.Equal(0, (await http.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/results?node=worker-b")).GetArrayLength());

        var report = await http.GetStringAsync($"/api/runs/{runId}/report");
        Assert.Contains("tiny-f16", report);
        var itself = await http.GetFromJsonAsync<JsonElement>($"/api/compare?base={runId}&new={runId}");
        Assert.Equal(1, itself.GetProperty("points").GetArrayLength());
        Assert.False(itself.GetProperty("hasRegressions").GetBoolean());

        var run = await http.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}");
        Assert.Equal("carol", run.GetProperty("submittedBy").GetString());
        await using (var command = cluster.Database.DataSource.CreateCommand("SELECT submitted_by FROM runs WHERE run_id = @id"))
        {
            command.Parameters.Add(new NpgsqlParameter("id", runId));
            Assert.Equal("carol", await command.ExecuteScalarAsync());
        }
        using var anonymous = new HttpClient { BaseAddress = new Uri(url) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/runs/{runId}")).StatusCode);
        ReliabilityLog.BadInput(new BadInputRecord("http request", "a submission claiming submitted_by 'mallory' in a header and the query, over a token issued to 'carol'", 1,
            $"the run records 'carol' (submitted, run and read back over HTTP in {watch.Elapsed.TotalSeconds:0.0} s)",
            nameof(A_suite_submitted_over_http_runs_to_done_its_results_report_and_compare_read_back_and_it_records_the_token_name)));
    }

    [Fact]
    public async Task Up_refuses_a_taken_http_port_and_an_unsafe_address_before_starting_anything()
    {
        var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var port = ((IPEndPoint)taken.LocalEndpoint).Port;
            var watch = Stopwatch.StartNew();
            var busy = await CommandProcess.RunAsync(["up", "--http", $"http://127.0.0.1:{port}"], TimeSpan.FromSeconds(60));
            var open = await CommandProcess.RunAsync(["up", "--http", "http://0.0.0.0:8080"], TimeSpan.FromSeconds(60));
            watch.Stop();

            Assert.Equal(1, busy.ExitCode);
            Assert.Contains($"127.0.0.1:{port}: the port is taken", busy.Output);
            Assert.DoesNotContain("BENCHCLUSTER_TOKEN", busy.StandardOutput);
            Assert.Equal(1, open.ExitCode);
            Assert.Contains("clear text", open.Output);
            ReliabilityLog.BadInput(new BadInputRecord("benchcluster up --http", "a port another process holds; plain http on 0.0.0.0", 2,
                $"exit 1 naming the port or the https fix, no token printed, nothing started ({watch.ElapsedMilliseconds} ms for both)",
                nameof(Up_refuses_a_taken_http_port_and_an_unsafe_address_before_starting_anything)));
        }
        finally
        {
            taken.Stop();
        }
    }

    /// <summary>Reads the run's event stream until its 'done' event and returns that event's data.</summary>
    private static async Task<JsonElement> FollowUntilDoneAsync(HttpClient http, Guid runId)
    {
        using var timeout = new CancellationTokenSource(RunTimeout);
        using var response = await http.GetAsync($"/api/runs/{runId}/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        string? name = null;
        var progressEvents = 0;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
                name = line["event: ".Length..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && name == "progress")
                progressEvents++;
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && name == "done")
            {
                Assert.True(progressEvents >= 1);
                return JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
            }
        }
        throw new EndOfStreamException("the event stream ended without a 'done' event");
    }
}
