using System.Globalization;

namespace BenchCluster.Gguf;

/// <summary>
/// The <c>&lt;model&gt;.sha256</c> file written next to a forged model: one line "&lt;lower-case hex SHA-256&gt; &lt;size in bytes&gt;",
/// so the engine can record a model's digest without hashing gigabytes again.
/// </summary>
public static class ModelDigestSidecar
{
    public const string Extension = ".sha256";
    private const int Sha256HexLength = 64;

    public static string PathFor(string modelPath) => modelPath + Extension;

    public static void Write(string modelPath, string sha256Hex, long bytes) =>
        File.WriteAllText(PathFor(modelPath), $"{sha256Hex} {bytes.ToString(CultureInfo.InvariantCulture)}\n");

    /// <summary>The recorded digest, or null when the sidecar is missing, malformed, or its size no longer matches the model file.</summary>
    public static string? TryRead(string modelPath)
    {
        modelPath = (new FileInfo(modelPath).ResolveLinkTarget(returnFinalTarget: true) as FileInfo)?.FullName ?? modelPath;
        var sidecar = PathFor(modelPath);
        if (!File.Exists(sidecar) || !File.Exists(modelPath))
            return null;
        var fields = File.ReadAllText(sidecar).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 2 || fields[0].Length != Sha256HexLength || !fields[0].All(char.IsAsciiHexDigitLower))
            return null;
        if (!long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) || bytes != new FileInfo(modelPath).Length)
            return null;
        if (File.GetLastWriteTimeUtc(sidecar) < File.GetLastWriteTimeUtc(modelPath))
            return null;
        return fields[0];
    }
}
