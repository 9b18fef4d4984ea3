namespace BenchCluster.Gguf.Siblings;

/// <summary>
/// Our metadata keys on a file quantized by BenchCluster from another file (a "sibling"): the parent's SHA-256 and
/// the type it was quantized to. Quantization copies every other key of the parent, the synthetic marker included,
/// so a sibling of random weights stays marked as such. A worker's catalog reads these keys to match a suite's
/// <c>from:</c> model without running anything.
/// </summary>
public static class SiblingMarker
{
    /// <summary>Lower-case hex SHA-256 of the file this one was quantized from.</summary>
    public const string ParentSha256Key = "benchcluster.parent_sha256";

    /// <summary>The quantization type as users write it ("q4_k_m").</summary>
    public const string QuantizedTypeKey = "benchcluster.quantized_type";

    /// <summary>The parent's SHA-256 and type written on <paramref name="file"/>, or null when it is not a sibling.</summary>
    public static SiblingOrigin? Read(GgufFile file)
    {
        var parent = file.GetString(ParentSha256Key);
        var type = file.GetString(QuantizedTypeKey);
        if (parent is null || type is null || !IsSha256Hex(parent) || !QuantizationTypes.TryParse(type, out var parsed))
            return null;
        return new SiblingOrigin(parent, parsed.Name);
    }

    public static bool IsSha256Hex(string text) =>
        text.Length == 64 && text.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
