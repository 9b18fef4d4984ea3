using BenchCluster.Http.Auth;

namespace BenchCluster.Cli.Local;

/// <summary>Local mode's tokens file (.data/api-tokens) and the token `up` issues to the person who started it.</summary>
internal static class LocalApiTokens
{
    public static string DefaultPath() => Path.Combine(BenchClusterHome.DataFolder("."), "api-tokens");

    /// <summary>A fresh token for <paramref name="name"/>; the previous one of that name stops working (only hashes are kept, so it cannot be shown again).</summary>
    public static string Rotate(string path, string name)
    {
        if (File.Exists(path))
        {
            var kept = File.ReadAllLines(path).Where(line => line.Split(' ', 2)[0] != name).ToList();
            File.WriteAllLines(path, kept);
        }
        return ApiTokenFile.Add(path, name);
    }

    /// <summary>The login name when it is a valid token name, else "local".</summary>
    public static string UserName() => ApiTokenName.Problem(Environment.UserName) is null ? Environment.UserName : "local";
}
