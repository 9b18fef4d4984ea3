using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BenchCluster.Http.Tests.Infrastructure;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Http.Tests.Auth;

public sealed class AuthenticationTests
{
    [Fact]
    public async Task Health_needs_no_token_but_every_other_route_refuses_a_request_without_one()
    {
        await using var server = await ApiServer.StartAsync();
        using var anonymous = server.Client();
        var runId = server.Cluster.AddRun(Storage.Runs.RunState.Completed, 2);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/health")).StatusCode);
        var routes = new[] { "/api/runs", $"/api/runs/{runId}", $"/api/runs/{runId}/events", $"/api/runs/{runId}/results", "/api/results",
            $"/api/runs/{runId}/requests", "/api/nodes", "/api/models", "/api/session" };
        foreach (var route in routes)
        {
            using var response = await anonymous.GetAsync(route);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            var error = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Authorization", error.GetProperty("field").GetString());
        }
        using var submit = await anonymous.PostAsync("/api/runs", new StringContent(TinySuite.Text));
        Assert.Equal(HttpStatusCode.Unauthorized, submit.StatusCode);
        Assert.Empty(server.Cluster.Submissions);
        ReliabilityLog.BadInput(new BadInputRecord("http request", "no credentials on every /api route but health and sign-in", routes.Length + 1,
            "401 with WWW-Authenticate: Bearer and an {error, field, fix} body; nothing submitted", nameof(Health_needs_no_token_but_every_other_route_refuses_a_request_without_one)));
    }

    [Fact]
    public async Task Wrong_token_malformed_header_and_oversized_token_are_refused()
    {
        await using var server = await ApiServer.StartAsync();
        var headers = new[] { "Bearer wrong-token", "Bearer " + ApiServer.AliceToken[..^1], "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:x")),
            "Bearer", "Bearer " + new string('a', 100_000 / 4), ApiServer.AliceToken };
        var watch = Stopwatch.StartNew();
        foreach (var header in headers)
        {
            using var client = server.Client();
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);
            using var response = await client.GetAsync("/api/runs");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var error = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("not one this server issued", error.GetProperty("error").GetString());
        }
        using var alice = server.Client(ApiServer.AliceToken);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/api/runs")).StatusCode);
        ReliabilityLog.BadInput(new BadInputRecord("http request", "wrong, truncated, Basic, empty, 25,000-character and scheme-less tokens", headers.Length,
            $"401 each ({watch.ElapsedMilliseconds} ms for all); the right token then answers 200", nameof(Wrong_token_malformed_header_and_oversized_token_are_refused)));
    }

    [Fact]
    public async Task A_session_cookie_stands_for_the_token_name_without_holding_the_token_and_ends_on_sign_out()
    {
        await using var server = await ApiServer.StartAsync();
        using var browser = server.Client();

        using var signIn = await browser.PostAsJsonAsync("/api/session", new { token = ApiServer.BobToken });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal("bob", (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        var setCookie = signIn.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ApiServer.BobToken, setCookie, StringComparison.Ordinal);
        var cookie = setCookie.Split(';')[0];

        using var whoAmI = new HttpRequestMessage(HttpMethod.Get, "/api/session");
        whoAmI.Headers.Add("Cookie", cookie);
        using var answer = await browser.SendAsync(whoAmI);
        Assert.Equal("bob", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());

        using var signOut = new HttpRequestMessage(HttpMethod.Delete, "/api/session");
        signOut.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(signOut)).StatusCode);
        // The old cookie value no longer works even if a client keeps sending it: the session is gone on the server.
        using var replay = new HttpRequestMessage(HttpMethod.Get, "/api/runs");
        replay.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.SendAsync(replay)).StatusCode);
    }

    [Fact]
    public async Task Sign_in_refuses_an_unknown_token_a_malformed_body_and_a_forged_cookie()
    {
        await using var server = await ApiServer.StartAsync();
        using var browser = server.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.PostAsJsonAsync("/api/session", new { token = "nope" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/api/session", new StringContent("{\"token\":", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/api/session", new StringContent("[]", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge,
            (await browser.PostAsync("/api/session", new StringContent($"{{\"token\":\"{new string('x', 10_000)}\"}}", Encoding.UTF8, "application/json"))).StatusCode);
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/runs");
        forged.Headers.Add("Cookie", "benchcluster_session=" + ApiServer.AliceToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.SendAsync(forged)).StatusCode);
        ReliabilityLog.BadInput(new BadInputRecord("http request", "sign-in with an unknown token, truncated JSON, an array, a 10 kB body; a cookie holding a token", 5,
            "401, 400, 400, 413, 401: no session made", nameof(Sign_in_refuses_an_unknown_token_a_malformed_body_and_a_forged_cookie)));
    }

    [Fact]
    public async Task A_submitted_run_records_the_token_name_whoever_the_client_claims_to_be()
    {
        await using var server = await ApiServer.StartAsync();
        using var alice = server.Client(ApiServer.AliceToken);
        alice.DefaultRequestHeaders.Add("X-Submitted-By", "mallory");

        using var response = await alice.PostAsync("/api/runs?name=claims.yaml&submittedBy=mallory", new StringContent(TinySuite.Text));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, body.GetProperty("totalJobs").GetInt32());
        Assert.True(Guid.TryParse(body.GetProperty("runId").GetString(), out _));
        var submission = Assert.Single(server.Cluster.Submissions);
        Assert.Equal(("claims.yaml", "alice"), submission);
    }
}
