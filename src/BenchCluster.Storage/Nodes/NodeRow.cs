namespace BenchCluster.Storage.Nodes;

/// <summary>One row of nodes: a machine that runs jobs, with what it costs. JSON columns are passed as JSON text.</summary>
public sealed record NodeRow
{
    public required string NodeName { get; init; }
    /// <summary>cpu, gpu, remote, …</summary>
    public required string DeviceKind { get; init; }
    public required string DeviceName { get; init; }
    public string? CpuModel { get; init; }
    public int? Cores { get; init; }
    public long? RamBytes { get; init; }
    public long? VramBytes { get; init; }
    public double? PriceUsdPerHour { get; init; }
    public double? Watts { get; init; }
    /// <summary>Where the node's silo listens (host:port), for people reading the table.</summary>
    public string? Address { get; init; }
    public string CapabilitiesJson { get; init; } = "{}";
    /// <summary>Maintained by the database; ignored on write.</summary>
    public DateTimeOffset? FirstSeen { get; init; }
    /// <summary>Maintained by the database (now() on every upsert); ignored on write.</summary>
    public DateTimeOffset? LastSeen { get; init; }
}
