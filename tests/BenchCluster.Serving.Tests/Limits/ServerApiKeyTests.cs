using BenchCluster.Serving.Security;

namespace BenchCluster.Serving.Tests.Limits;

public sealed class ServerApiKeyTests
{
    [Fact]
    public void A_key_file_is_read_without_its_final_newline_and_the_key_never_shows_in_its_text()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "sk-file-key\n");
            var key = ServerApiKey.FromFile(path);

            Assert.True(key.Matches("sk-file-key"));
            Assert.False(key.Matches("sk-file-key\n"));
            Assert.False(key.Matches("sk-file-ke"));
            Assert.Equal("sk-file-key", ServerApiKey.BearerToken("bearer  sk-file-key "));
            Assert.Null(ServerApiKey.BearerToken("Bearer "));
            Assert.Null(ServerApiKey.BearerToken("Basic sk-file-key"));
            Assert.DoesNotContain("sk-file-key", key.ToString(), StringComparison.Ordinal);
            Assert.Contains(path, key.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("two words", "spaces")]
    [InlineData("line\nbreak", "spaces, line breaks")]
    public void A_key_that_no_header_can_carry_is_refused_naming_the_source(string content, string problem)
    {
        var e = Assert.Throws<ArgumentException>(() => ServerApiKey.FromValue(content, "the file k"));

        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.Contains("the file k", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_or_oversized_file_and_an_unset_variable_are_refused_naming_them()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, new byte[ServerApiKey.MaxFileBytes + 1]);
            var missing = Assert.Throws<ArgumentException>(() => ServerApiKey.FromFile(path + ".absent"));
            var oversized = Assert.Throws<ArgumentException>(() => ServerApiKey.FromFile(path));
            var unset = Assert.Throws<ArgumentException>(() => ServerApiKey.FromEnvironment("BENCHCLUSTER_SERVE_UNSET_" + Guid.NewGuid().ToString("N")));

            Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
            Assert.Contains($"{ServerApiKey.MaxFileBytes + 1} bytes", oversized.Message, StringComparison.Ordinal);
            Assert.Contains("BENCHCLUSTER_SERVE_UNSET_", unset.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
