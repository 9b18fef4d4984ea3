using System.Net;
using System.Net.Http.Json;
using BenchCluster.Hosting.Tls;
using BenchCluster.Http.Tests.Infrastructure;

namespace BenchCluster.Http.Tests.Hosting;

public sealed class HttpsTests
{
    [Fact]
    public async Task Over_https_the_cluster_certificate_is_served_and_the_session_cookie_is_secure()
    {
        using var authority = CertificateAuthority.CreateAuthority("test-ca");
        using var node = CertificateAuthority.Issue(authority, "coordinator", CertificateRole.Node, [IPAddress.Loopback], TimeSpan.FromDays(1));
        await using var server = await ApiServer.StartAsync(httpsCertificate: node);
        Assert.Equal("https", server.Address.Scheme);
        using var browser = server.Client(trust: node);

        using var signIn = await browser.PostAsJsonAsync("/api/session", new { token = ApiServer.AliceToken });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("secure", signIn.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);

        using var plain = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.Address.Port}"), Timeout = TimeSpan.FromSeconds(10) };
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => plain.GetAsync("/api/health"));
    }
}
