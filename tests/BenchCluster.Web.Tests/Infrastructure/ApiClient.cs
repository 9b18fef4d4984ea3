using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace BenchCluster.Web.Tests.Infrastructure;

/// <summary>The coordinator's HTTP API with a bearer token: what the tests submit and what they check the pages against.</summary>
internal sealed class ApiClient : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(300);
    private static readonly string[] FinalStates = ["completed", "failed", "cancelled"];

    private readonly HttpClient _http;

    public ApiClient(Uri baseUrl, string token)
    {
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public async Task<bool> IsAcceptedAsync()
    {
        using var response = await _http.GetAsync("/api/session");
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>POST /api/runs with the suite's YAML; the new run's id.</summary>
    public async Task<Guid> SubmitAsync(string suiteYaml, string fileName)
    {
        using var content = new StringContent(suiteYaml, Encoding.UTF8, "application/yaml");
        using var response = await _http.PostAsync($"/api/runs?name={Uri.EscapeDataString(fileName)}", content);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"POST /api/runs answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("runId").GetGuid();
    }

    /// <summary>GET a JSON document of the API.</summary>
    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {body}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    /// <summary>Polls the run until it reaches a final state; that state ("completed", ...).</summary>
    public async Task<string> WaitForRunAsync(Guid runId, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var run = await GetAsync($"/api/runs/{runId}");
            var status = run.GetProperty("status").GetString()!;
            if (FinalStates.Contains(status))
                return status;
            if (deadline.Elapsed > timeout)
                throw new TimeoutException($"run {runId} is still {status} after {timeout}: {run}");
            await Task.Delay(PollInterval);
        }
    }

    public void Dispose() => _http.Dispose();
}
