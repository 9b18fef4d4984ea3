using BenchCluster.Gguf;
using System.Security.Cryptography;
using BenchCluster.Testing;

namespace BenchCluster.Engine.Tests.Inference;

public sealed class ModelFileDigestTests
{
    private static string NewFile(string name, int bytes)
    {
        var folder = RepositoryPaths.Scratch(Path.Combine(nameof(ModelFileDigestTests), name));
        foreach (var stale in Directory.EnumerateFiles(folder))
            File.Delete(stale);
        var path = Path.Combine(folder, "model.gguf");
        File.WriteAllBytes(path, Enumerable.Range(0, bytes).Select(i => (byte)(i * 7)).ToArray());
        return path;
    }

    [Fact]
    public async Task Hashes_the_file_and_writes_a_sidecar_with_digest_and_size()
    {
        var path = NewFile("writes-sidecar", 100_000);

        var digest = await ModelFileDigest.GetSha256Async(path);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path))), digest);
        Assert.Equal($"{digest} 100000", (await File.ReadAllTextAsync(path + ".sha256")).Trim());
    }

    [Fact]
    public async Task Trusts_a_sidecar_whose_size_matches_instead_of_rehashing()
    {
        var path = NewFile("trusts-sidecar", 1000);
        var recorded = new string('a', 64);
        await File.WriteAllTextAsync(path + ".sha256", $"{recorded} 1000\n");

        Assert.Equal(recorded, await ModelFileDigest.GetSha256Async(path));
    }

    [Fact]
    public async Task Ignores_a_sidecar_whose_size_does_not_match_the_file()
    {
        var path = NewFile("stale-sidecar", 1000);
        await File.WriteAllTextAsync(path + ".sha256", $"{new string('b', 64)} 999\n");

        var digest = await ModelFileDigest.GetSha256Async(path);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path))), digest);
    }
}
