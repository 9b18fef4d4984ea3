using Npgsql;
using NpgsqlTypes;

namespace BenchCluster.Storage.Nodes;

/// <summary>Registers nodes as they join; the latest description wins, first_seen is kept.</summary>
public sealed class NodeStore(NpgsqlDataSource dataSource)
{
    public async Task UpsertAsync(NodeRow node, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO nodes (node_name, device_kind, device_name, cpu_model, cores, ram_bytes, vram_bytes,
                price_usd_per_hour, watts, address, capabilities)
            VALUES (@node_name, @device_kind, @device_name, @cpu_model, @cores, @ram_bytes, @vram_bytes,
                @price, @watts, @address, @capabilities)
            ON CONFLICT (node_name) DO UPDATE SET
                device_kind = excluded.device_kind, device_name = excluded.device_name, cpu_model = excluded.cpu_model,
                cores = excluded.cores, ram_bytes = excluded.ram_bytes, vram_bytes = excluded.vram_bytes,
                price_usd_per_hour = excluded.price_usd_per_hour, watts = excluded.watts, address = excluded.address,
                capabilities = excluded.capabilities, last_seen = now()
            """);
        command.With("node_name", node.NodeName)
            .With("device_kind", node.DeviceKind)
            .With("device_name", node.DeviceName)
            .With("cpu_model", node.CpuModel, NpgsqlDbType.Text)
            .With("cores", node.Cores, NpgsqlDbType.Integer)
            .With("ram_bytes", node.RamBytes, NpgsqlDbType.Bigint)
            .With("vram_bytes", node.VramBytes, NpgsqlDbType.Bigint)
            .With("price", node.PriceUsdPerHour, NpgsqlDbType.Double)
            .With("watts", node.Watts, NpgsqlDbType.Double)
            .With("address", node.Address, NpgsqlDbType.Text)
            .WithJson("capabilities", node.CapabilitiesJson);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records that the node is alive without changing its description; false when it is not registered.</summary>
    public async Task<bool> TouchAsync(string nodeName, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("UPDATE nodes SET last_seen = now() WHERE node_name = @node_name");
        command.With("node_name", nodeName);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public Task<IReadOnlyList<NodeRow>> ListAsync(CancellationToken cancellationToken = default) =>
        dataSource.ReadAllAsync("SELECT * FROM nodes ORDER BY node_name", _ => { }, ReadNode, cancellationToken);

    private static NodeRow ReadNode(NpgsqlDataReader reader) => new()
    {
        NodeName = reader.Get<string>("node_name"),
        DeviceKind = reader.Get<string>("device_kind"),
        DeviceName = reader.Get<string>("device_name"),
        CpuModel = reader.GetNullableString("cpu_model"),
        Cores = reader.GetNullable<int>("cores"),
        RamBytes = reader.GetNullable<long>("ram_bytes"),
        VramBytes = reader.GetNullable<long>("vram_bytes"),
        PriceUsdPerHour = reader.GetNullable<double>("price_usd_per_hour"),
        Watts = reader.GetNullable<double>("watts"),
        Address = reader.GetNullableString("address"),
        CapabilitiesJson = reader.Get<string>("capabilities"),
        FirstSeen = reader.Get<DateTimeOffset>("first_seen"),
        LastSeen = reader.Get<DateTimeOffset>("last_seen"),
    };
}
