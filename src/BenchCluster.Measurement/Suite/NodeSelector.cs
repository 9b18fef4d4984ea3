namespace BenchCluster.Measurement.Suite;

/// <summary>Which worker nodes a suite runs on. Every condition given must hold; absent conditions match anything.</summary>
public sealed record NodeSelector
{
    /// <summary>Bytes per GB in min_ram_gb / min_vram_gb: decimal, so a "24 GB" card (24,564 MiB) passes 24.</summary>
    public const double BytesPerGigabyte = 1e9;

    /// <summary>cpu or gpu; null = either.</summary>
    public DeviceKind? Device { get; init; }
    /// <summary>Glob over the node name (<c>*</c>, <c>?</c>); null = any name.</summary>
    public string? NamePattern { get; init; }
    public double? MinVramGb { get; init; }
    public double? MinRamGb { get; init; }

    public bool Matches(NodeDescription node)
    {
        if (Device is { } device && node.Device != device)
            return false;
        if (NamePattern is { } pattern && !Glob.IsMatch(pattern, node.NodeName))
            return false;
        if (MinVramGb is { } vram && node.VramBytes < vram * BytesPerGigabyte)
            return false;
        return MinRamGb is not { } ram || node.RamBytes >= ram * BytesPerGigabyte;
    }

    /// <summary>A node is eligible when any selector matches it; an empty list selects every node.</summary>
    public static bool MatchesAny(IReadOnlyList<NodeSelector> selectors, NodeDescription node) =>
        selectors.Count == 0 || selectors.Any(s => s.Matches(node));
}
