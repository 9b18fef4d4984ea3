using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BenchCluster.Http.Tests.Infrastructure;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Http.Tests.Api;

public sealed class InputTests
{
    [Fact]
    public async Task Malformed_run_ids_are_400_and_unknown_ones_404_on_every_run_route()
    {
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client(ApiServer.AliceToken);
        var bad = new[] { "not-a-guid", "1", "'; drop table runs; --", new string('f', 5000), "%00" };
        var suffixes = new[] { "", "/events", "/results", "/requests" };
        foreach (var suffix in suffixes)
        {
            foreach (var id in bad)
            {
                using var response = await client.GetAsync($"/api/runs/{Uri.EscapeDataString(id)}{suffix}");
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.Equal("id", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
            }
            using var unknown = await client.GetAsync($"/api/runs/{Guid.NewGuid()}{suffix}");
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }
        ReliabilityLog.BadInput(new BadInputRecord("http request", "run ids that are no GUID (text, SQL, 5,000 characters, NUL) and unknown GUIDs", (bad.Length + 1) * suffixes.Length,
            "400 naming field 'id' or 404, on each run route", nameof(Malformed_run_ids_are_400_and_unknown_ones_404_on_every_run_route)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1001")]
    [InlineData("abc")]
    [InlineData("99999999999999999999")]
    public async Task A_limit_out_of_range_is_refused(string limit)
    {
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client(ApiServer.AliceToken);
        using var response = await client.GetAsync($"/api/runs?limit={limit}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("limit", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_suite_above_one_mebibyte_is_413_whether_its_length_is_declared_or_chunked()
    {
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client(ApiServer.AliceToken);
        var big = "# " + new string('x', 1024 * 1024) + "\n" + TinySuite.Text;
        var watch = Stopwatch.StartNew();
        using var declared = await client.PostAsync("/api/runs", new StringContent(big));
        using var chunked = await client.PostAsync("/api/runs", new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big))) { Headers = { ContentLength = null } });
        watch.Stop();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Equal("body", (await chunked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        Assert.Empty(server.Cluster.Submissions);
        ReliabilityLog.BadInput(new BadInputRecord("http request", "a 1 MiB + suite body, with Content-Length and chunked", 2,
            $"413 naming the limit in {watch.ElapsedMilliseconds} ms for both; nothing submitted", nameof(A_suite_above_one_mebibyte_is_413_whether_its_length_is_declared_or_chunked)));
    }

    [Fact]
    public async Task Broken_suites_are_400_with_the_field_and_never_reach_the_coordinator()
    {
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client(ApiServer.AliceToken);
        var bodies = new (HttpContent Content, string Query)[]
        {
            (new StringContent(""), ""),
            (new StringContent("models: [tiny"), ""),
            (new StringContent(TinySuite.Text.Replace("kind: tg", "kind: tgx", StringComparison.Ordinal)), ""),
            (new ByteArrayContent([0xff, 0xfe, 0x00, 0x41]), ""),
            (new StringContent(string.Concat(Enumerable.Repeat("[", 200_000))), ""),
            (new StringContent(TinySuite.Text), "?name=../../etc/passwd"),
        };
        foreach (var (content, query) in bodies)
        {
            using var response = await client.PostAsync("/api/runs" + query, content);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.False(string.IsNullOrEmpty(error.GetProperty("error").GetString()));
            Assert.False(string.IsNullOrEmpty(error.GetProperty("field").GetString()));
            Assert.DoesNotContain("   at ", error.GetProperty("error").GetString());
        }
        Assert.Empty(server.Cluster.Submissions);
        ReliabilityLog.BadInput(new BadInputRecord("http request", "empty, unclosed YAML, unknown scenario kind, non-UTF-8, 200,000 nested [, path-like ?name", bodies.Length,
            "400 with error and field, no stack trace; nothing submitted", nameof(Broken_suites_are_400_with_the_field_and_never_reach_the_coordinator)));
    }

    [Fact]
    public async Task A_failure_inside_the_server_answers_500_without_a_stack_trace()
    {
        await using var server = await ApiServer.StartAsync();
        server.Cluster.FailWith = new InvalidOperationException("secret internal detail");
        using var client = server.Client(ApiServer.AliceToken);
        using var response = await client.GetAsync("/api/runs");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret internal detail", text);
        Assert.DoesNotContain(" at ", text);
        Assert.Contains("log", JsonDocument.Parse(text).RootElement.GetProperty("fix").GetString());
    }

    [Fact]
    public async Task Unknown_formats_and_filters_out_of_bounds_are_refused()
    {
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client(ApiServer.AliceToken);
        foreach (var query in new[] { "format=xml", "format=table", "format=1", "since=yesterday", "model=" + new string('m', 300) })
        {
            using var response = await client.GetAsync("/api/results?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        using var jsonl = await client.GetAsync("/api/results?format=jsonl&since=2026-01-01");
        Assert.Equal(HttpStatusCode.OK, jsonl.StatusCode);
        Assert.Equal("application/x-ndjson", jsonl.Content.Headers.ContentType?.MediaType);
    }
}
