using System.Net;

namespace BenchCluster.Web.Tests;

/// <summary>What the coordinator sends with the pages: their files, a strict policy, and nothing for names it does not serve.</summary>
[Collection(WebCollection.Name)]
public sealed class PageHeaderTests(WebFixture web)
{
    [Fact]
    public async Task Pages_are_served_without_a_session_with_a_policy_that_forbids_inline_and_foreign_scripts()
    {
        using var http = new HttpClient { BaseAddress = web.Coordinator.BaseUrl };
        foreach (var path in new[] { "/", "/runs/00000000-0000-0000-0000-000000000000", "/compare?base=a&new=b", "/fleet", "/web/app.css", "/web/run.js" })
        {
            using var response = await http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.Equal("nosniff", string.Join(',', response.Headers.GetValues("X-Content-Type-Options")));
        }

        foreach (var path in new[] { "/web/missing.js", "/web/..%2FBenchCluster.Http.dll", "/web/%2e%2e%2fappsettings.json" })
        {
            using var response = await http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task An_unchanged_file_is_revalidated_with_its_etag_and_not_sent_again()
    {
        using var http = new HttpClient { BaseAddress = web.Coordinator.BaseUrl };
        using var first = await http.GetAsync("/web/dom.js");
        var etag = first.Headers.ETag ?? throw new InvalidOperationException("no ETag on /web/dom.js");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/web/dom.js");
        again.Headers.IfNoneMatch.Add(etag);
        using var second = await http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }
}
