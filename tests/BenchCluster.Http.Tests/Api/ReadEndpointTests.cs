using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BenchCluster.Http.Tests.Infrastructure;
using BenchCluster.Storage.Runs;

namespace BenchCluster.Http.Tests.Api;

public sealed class ReadEndpointTests
{
    [Fact]
    public async Task Runs_nodes_models_and_requests_answer_camel_case_json()
    {
        await using var server = await ApiServer.StartAsync();
        var runId = server.Cluster.AddRun(RunState.Completed, succeeded: 2);
        using var client = server.Client(ApiServer.AliceToken);

        var runs = await client.GetFromJsonAsync<JsonElement>("/api/runs?limit=5");
        Assert.Equal(runId.ToString(), runs[0].GetProperty("runId").GetString());
        Assert.Equal("completed", runs[0].GetProperty("status").GetString());
        var run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}");
        Assert.Equal(100, run.GetProperty("percentDone").GetDouble());
        var models = await client.GetFromJsonAsync<JsonElement>("/api/models");
        Assert.Equal(["node-a"], models[0].GetProperty("nodes").EnumerateArray().Select(n => n.GetString()));
        var nodes = await client.GetFromJsonAsync<JsonElement>("/api/nodes");
        Assert.Equal("node-a", nodes[0].GetProperty("nodeName").GetString());

        using var requests = await client.GetAsync($"/api/runs/{runId}/requests?limit=3");
        Assert.Equal("application/x-ndjson", requests.Content.Headers.ContentType?.MediaType);
        var lines = (await requests.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal(8, JsonDocument.Parse(lines[0]).RootElement.GetProperty("outputTokens").GetInt32());
    }

    [Fact]
    public async Task The_openapi_document_lists_every_endpoint_and_the_scalar_page_is_served()
    {
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var path in new[] { "/api/health", "/api/session", "/api/runs", "/api/runs/{id}", "/api/runs/{id}/events", "/api/runs/{id}/results",
                     "/api/results", "/api/runs/{id}/requests", "/api/nodes", "/api/models", "/api/compare", "/api/runs/{id}/report", "/api/runs/{id}/best" })
            Assert.Contains(path, paths);
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
        using var scalar = await client.GetAsync("/scalar/");
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        Assert.Contains("openapi/v1.json", await scalar.Content.ReadAsStringAsync());
        using var script = await client.GetAsync("/scalar/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }
    [Fact]
    public async Task Runs_and_request_rows_are_also_served_as_csv_and_other_formats_are_refused()
    {
        await using var server = await ApiServer.StartAsync();
        var runId = server.Cluster.AddRun(RunState.Completed, succeeded: 2);
        using var client = server.Client(ApiServer.AliceToken);

        using var runs = await client.GetAsync("/api/runs?format=csv");
        Assert.Equal("text/csv", runs.Content.Headers.ContentType?.MediaType);
        var runLines = (await runs.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("run_id,suite_name,status", runLines[0], StringComparison.Ordinal);
        Assert.StartsWith(runId.ToString(), runLines[1], StringComparison.Ordinal);

        using var requests = await client.GetAsync($"/api/runs/{runId}/requests?format=csv&limit=3");
        Assert.Equal("text/csv", requests.Content.Headers.ContentType?.MediaType);
        var requestLines = (await requests.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, requestLines.Length);
        Assert.Contains("output_tokens", requestLines[0], StringComparison.Ordinal);

        using var markdown = await client.GetAsync($"/api/runs/{runId}/requests?format=markdown");
        Assert.Equal(HttpStatusCode.BadRequest, markdown.StatusCode);
        Assert.Equal("format", (await markdown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        using var yaml = await client.GetAsync("/api/runs?format=yaml");
        Assert.Equal(HttpStatusCode.BadRequest, yaml.StatusCode);
    }
}
