namespace BenchCluster.Grains.Placement;

/// <summary>Keys of the silo metadata every BenchCluster silo advertises (Orleans UseSiloMetadata).</summary>
public static class SiloMetadataKeys
{
    public const string Role = "bc.role";
    public const string Node = "bc.node";
    public const string DeviceKind = "bc.device_kind";
    public const string DeviceName = "bc.device_name";
    public const string CpuModel = "bc.cpu_model";
    public const string Cores = "bc.cores";
    public const string RamBytes = "bc.ram_bytes";
    public const string VramBytes = "bc.vram_bytes";
    public const string PriceUsdPerHour = "bc.price_usd_per_hour";
    public const string Watts = "bc.watts";
    /// <summary>JSON array of the models on disk (sha256, file, size, architecture, quantization, synthetic).</summary>
    public const string Models = "bc.models";
    /// <summary>Comma-separated names of the environment variables the worker may send as API keys.</summary>
    public const string ApiKeyVariables = "bc.api_key_env";

    public const string CoordinatorRole = "coordinator";
    public const string WorkerRole = "worker";
}
