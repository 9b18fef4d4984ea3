namespace BenchCluster.Contracts.Nodes;

/// <summary>A live worker node as it advertised itself in its silo metadata.</summary>
[GenerateSerializer, Immutable]
public sealed record WorkerNode(
    [property: Id(0)] string NodeName,
    [property: Id(1)] string SiloAddress,
    [property: Id(2)] string DeviceKind,
    [property: Id(3)] string DeviceName,
    [property: Id(4)] string CpuModel,
    [property: Id(5)] int Cores,
    [property: Id(6)] long RamBytes,
    [property: Id(7)] long VramBytes,
    [property: Id(8)] double PriceUsdPerHour,
    [property: Id(9)] double Watts,
    [property: Id(10)] IReadOnlyList<HeldModel> Models)
{
    /// <summary>
    /// Environment variables this worker's operator allows endpoint suites to name as api_key_env (names, never keys);
    /// the coordinator places an endpoint model only on a node that allows its variable.
    /// </summary>
    [Id(11)]
    public IReadOnlyList<string> ApiKeyVariables { get; init; } = [];
}
