using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BenchCluster.Http.Tests.Infrastructure;
using BenchCluster.Storage.Runs;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Http.Tests.Api;

public sealed class CompareAndTagTests
{
    [Fact]
    public async Task Compare_answers_json_or_markdown_for_two_runs_and_refuses_unknown_runs_and_bad_options()
    {
        await using var server = await ApiServer.StartAsync();
        var baseRun = server.Cluster.AddRun(RunState.Completed, 2);
        var newRun = server.Cluster.AddRun(RunState.Completed, 2);
        using var client = server.Client(ApiServer.AliceToken);

        var report = await client.GetFromJsonAsync<JsonElement>($"/api/compare?base={baseRun}&new={newRun}&threshold=3");
        Assert.Equal(baseRun.ToString(), report.GetProperty("base").GetProperty("runId").GetString());
        Assert.Equal(newRun.ToString(), report.GetProperty("new").GetProperty("runId").GetString());
        Assert.Equal(0.03, report.GetProperty("threshold").GetDouble(), 6);
        Assert.False(report.GetProperty("hasRegressions").GetBoolean());
        using var markdown = await client.GetAsync($"/api/compare?base={baseRun}&new={newRun}&format=markdown");
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType?.MediaType);
        Assert.Contains("|", await markdown.Content.ReadAsStringAsync());

        var refused = new (string Query, HttpStatusCode Status, string Field)[]
        {
            ($"base={baseRun}", HttpStatusCode.BadRequest, "new"),
            ($"base={baseRun}&new=no-such-tag", HttpStatusCode.NotFound, "base/new"),
            ($"base={baseRun}&new={newRun}&threshold=150", HttpStatusCode.BadRequest, "threshold"),
            ($"base={baseRun}&new={newRun}&alpha=abc", HttpStatusCode.BadRequest, "alpha"),
            ($"base={baseRun}&new={newRun}&format=pdf", HttpStatusCode.BadRequest, "format"),
        };
        foreach (var (query, status, field) in refused)
        {
            using var response = await client.GetAsync("/api/compare?" + query);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal(field, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        }
        ReliabilityLog.BadInput(new BadInputRecord("http request", "compare with a run missing, an unknown tag, threshold 150 %, alpha 'abc', format pdf", refused.Length,
            "400 or 404 naming the parameter", nameof(Compare_answers_json_or_markdown_for_two_runs_and_refuses_unknown_runs_and_bad_options)));
    }

    [Fact]
    public async Task Tags_of_a_submission_are_passed_once_each_and_invalid_tags_are_refused()
    {
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client(ApiServer.AliceToken);
        using var accepted = await client.PostAsync("/api/runs?tag=main&tag=nightly&tag=main", new StringContent(TinySuite.Text));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal(["main", "nightly"], Assert.Single(server.Cluster.SubmittedTags));

        using var refused = await client.PostAsync("/api/runs?tag=" + Uri.EscapeDataString("bad tag!"), new StringContent(TinySuite.Text));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("tag", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        Assert.Single(server.Cluster.Submissions);
    }

    [Fact]
    public async Task The_report_is_served_as_html_that_may_run_no_script()
    {
        await using var server = await ApiServer.StartAsync();
        var runId = server.Cluster.AddRun(RunState.Completed, 2);
        using var client = server.Client(ApiServer.AliceToken);
        using var report = await client.GetAsync($"/api/runs/{runId}/report");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("text/html", report.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", report.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains(runId.ToString(), await report.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/runs/{Guid.NewGuid()}/report")).StatusCode);
        var baseRun = server.Cluster.AddRun(RunState.Completed, 2);
        using var compared = await client.GetAsync($"/api/runs/{runId}/report?compare={baseRun}");
        Assert.Equal(HttpStatusCode.OK, compared.StatusCode);
        Assert.Contains(baseRun.ToString(), await compared.Content.ReadAsStringAsync());
        using var unknownBase = await client.GetAsync($"/api/runs/{runId}/report?compare=no-such-tag");
        Assert.Equal(HttpStatusCode.NotFound, unknownBase.StatusCode);
    }

    [Fact]
    public async Task Best_answers_per_scenario_json_and_refuses_unknown_objectives_and_broken_slos()
    {
        await using var server = await ApiServer.StartAsync();
        var runId = server.Cluster.AddRun(RunState.Completed, 2);
        using var client = server.Client(ApiServer.AliceToken);
        var best = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/best?objective=throughput&slo=ttft_ms=500");
        Assert.Equal(runId.ToString(), best.GetProperty("runId").GetString());
        Assert.Equal(500, best.GetProperty("slo").GetProperty("ttftMs").GetDouble());
        using var markdown = await client.GetAsync($"/api/runs/{runId}/best?format=markdown");
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType?.MediaType);

        var refused = new (string Query, string Field)[] { ("objective=cheapest", "objective"), ("objective=1", "objective"), ("slo=ttft_ms", "slo"),
            ("slo=ttft_ms=fast", "slo"), ("format=csv", "format") };
        foreach (var (query, field) in refused)
        {
            using var response = await client.GetAsync($"/api/runs/{runId}/best?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(field, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/runs/{Guid.NewGuid()}/best")).StatusCode);
        ReliabilityLog.BadInput(new BadInputRecord("http request", "best with an unknown or numeric objective, an SLO without or with a non-numeric value, format csv", refused.Length,
            "400 naming the parameter", nameof(Best_answers_per_scenario_json_and_refuses_unknown_objectives_and_broken_slos)));
    }
}
