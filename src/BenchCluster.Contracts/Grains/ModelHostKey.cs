namespace BenchCluster.Contracts.Grains;

/// <summary>The string key of a model-host grain: "node/model-sha256". Parsed by the placement filter.</summary>
public static class ModelHostKey
{
    private const char Separator = '/';

    public static string Format(string nodeName, string modelSha256) => $"{nodeName}{Separator}{modelSha256}";

    public static bool TryParse(string key, out string nodeName, out string modelSha256)
    {
        var at = key.LastIndexOf(Separator);
        nodeName = at > 0 ? key[..at] : "";
        modelSha256 = at > 0 ? key[(at + 1)..] : "";
        return at > 0 && at < key.Length - 1;
    }
}
