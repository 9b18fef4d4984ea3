using BenchCluster.Http.Hosting;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Http.Tests.Hosting;

public sealed class HttpListenAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080", false, 8080)]
    [InlineData("http://localhost:9000", false, 9000)]
    [InlineData("http://[::1]:8080", false, 8080)]
    [InlineData("https://0.0.0.0:8443", true, 8443)]
    [InlineData("https://10.0.0.5:443", true, 443)]
    public void Loopback_http_and_https_anywhere_are_accepted(string url, bool https, int port)
    {
        var address = HttpListenAddress.Parse(url);
        Assert.Equal(https, address.Https);
        Assert.Equal(port, address.Port);
    }

    [Fact]
    public void Plain_http_beyond_loopback_and_addresses_that_are_not_listen_addresses_are_refused()
    {
        var refused = new[] { "http://0.0.0.0:8080", "http://10.0.0.5:8080", "http://[::]:8080", "http://example.com:8080", "ftp://127.0.0.1:21",
            "http://127.0.0.1", "http://127.0.0.1:8080/api", "127.0.0.1:8080" };
        foreach (var url in refused)
            Assert.Throws<ArgumentException>(() => HttpListenAddress.Parse(url));
        var message = Assert.Throws<ArgumentException>(() => HttpListenAddress.Parse("http://0.0.0.0:8080")).Message;
        Assert.Contains("https://0.0.0.0:8080", message);
        ReliabilityLog.BadInput(new BadInputRecord("coordinator --http", "plain http on a non-loopback address, host names, other schemes, paths, no port", refused.Length,
            "refused before start, naming https or a loopback address as the fix", nameof(Plain_http_beyond_loopback_and_addresses_that_are_not_listen_addresses_are_refused)));
    }
}
