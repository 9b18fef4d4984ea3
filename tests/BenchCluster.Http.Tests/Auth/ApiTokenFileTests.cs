using System.Runtime.Versioning;
using BenchCluster.Http.Auth;
using BenchCluster.Http.Tests.Infrastructure;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Http.Tests.Auth;

public sealed class ApiTokenFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bc-tokens-").FullName;

    private string TokensPath => Path.Combine(_folder, "api-tokens");

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Add_stores_only_the_hash_in_a_0600_file_and_the_token_authenticates_as_its_name()
    {
        var token = ApiTokenFile.Add(TokensPath, "alice");
        var other = ApiTokenFile.Add(TokensPath, "bob");

        Assert.Equal(43, token.Length);
        Assert.NotEqual(token, other);
        Assert.DoesNotContain(token, File.ReadAllText(TokensPath), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(TokensPath));
        var tokens = ApiTokens.FromFile(TokensPath);
        Assert.Equal("alice", tokens.Authenticate(token));
        Assert.Equal("bob", tokens.Authenticate(other));
        Assert.Null(tokens.Authenticate(token[..^1] + (token[^1] == 'A' ? 'B' : 'A')));
    }

    [Fact]
    public void Add_refuses_a_duplicate_name_and_names_that_could_not_be_a_submitted_by()
    {
        ApiTokenFile.Add(TokensPath, "alice");
        var names = new[] { "alice", "", " alice", "a b", "-lead", "x/y", "naïve", new string('a', 65), "alice\nbob 00" };
        foreach (var name in names)
            Assert.Throws<ArgumentException>(() => ApiTokenFile.Add(TokensPath, name));
        Assert.Single(ApiTokenFile.Read(TokensPath));
        ReliabilityLog.BadInput(new BadInputRecord("api token file", "duplicate, empty, spaced, slashed, non-ASCII, 65-character and newline-carrying names", names.Length,
            "refused with the rule; the file keeps one line", nameof(Add_refuses_a_duplicate_name_and_names_that_could_not_be_a_submitted_by)));
    }

    [Fact]
    public void A_malformed_line_is_refused_with_its_line_number()
    {
        File.WriteAllText(TokensPath, "# comment\nalice " + new string('0', 64) + "\nbob not-a-hash\n");
        var error = Assert.Throws<InvalidDataException>(() => ApiTokenFile.Read(TokensPath));
        Assert.Contains("line 3", error.Message);
    }

    [Fact]
    public void A_deleted_line_revokes_its_token_once_the_file_is_rechecked()
    {
        var time = new ManualTime();
        var alice = ApiTokenFile.Add(TokensPath, "alice");
        var bob = ApiTokenFile.Add(TokensPath, "bob");
        var tokens = ApiTokens.FromFile(TokensPath, time);
        Assert.Equal("alice", tokens.Authenticate(alice));

        File.WriteAllLines(TokensPath, File.ReadAllLines(TokensPath).Where(l => !l.StartsWith("alice ", StringComparison.Ordinal)));
        File.SetLastWriteTimeUtc(TokensPath, DateTime.UtcNow.AddSeconds(5));
        time.Advance(TimeSpan.FromSeconds(3));

        Assert.Null(tokens.Authenticate(alice));
        Assert.Equal("bob", tokens.Authenticate(bob));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
