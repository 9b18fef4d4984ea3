using BenchCluster.Testing;
using static BenchCluster.Storage.Tests.Migrations.OrleansQueryCall;

namespace BenchCluster.Storage.Tests.Migrations;

/// <summary>The OrleansQuery rows of V001, driven with the parameters and reads of Orleans' ADO.NET clustering provider.</summary>
public sealed class OrleansClusteringQueriesTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>
{
    private const int Active = 3;
    private const int Dead = 6;

    private static readonly string[] RequiredKeys =
    [
        "UpdateIAmAlivetimeKey", "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey",
    ];

    [Fact]
    public async Task Holds_a_query_for_every_key_the_provider_requires()
    {
        await using var command = fixture.DataSource.CreateCommand("SELECT QueryKey FROM OrleansQuery");
        var keys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                keys.Add(reader.GetString(0));

        Assert.Equal(RequiredKeys.Order(), keys.Order());
    }

    [Fact]
    public async Task Version_row_is_created_once()
    {
        var cluster = NewClusterId();

        Assert.True(await AppliedAsync(fixture.DataSource, "InsertMembershipVersionKey", ("DeploymentId", cluster)));
        Assert.False(await AppliedAsync(fixture.DataSource, "InsertMembershipVersionKey", ("DeploymentId", cluster)));
    }

    [Fact]
    public async Task Insert_applies_only_with_the_current_version_and_bumps_it()
    {
        var cluster = await NewClusterAsync();

        Assert.True(await InsertSiloAsync(cluster, port: 11111, version: 0));
        Assert.False(await InsertSiloAsync(cluster, port: 11112, version: 0));
        Assert.False(await InsertSiloAsync(cluster, port: 11111, version: 1));

        var rows = await ReadAsync(fixture.DataSource, "MembershipReadAllKey", ("DeploymentId", cluster));
        var row = Assert.Single(rows);
        Assert.Equal(1, Convert.ToInt32(row["Version"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(11111, row["Port"]);
        Assert.Equal("silo-11111", row["SiloName"]);
        Assert.Equal(DateTimeKind.Utc, Assert.IsType<DateTime>(row["StartTime"]).Kind);
    }

    [Fact]
    public async Task Concurrent_inserts_with_the_same_version_apply_exactly_once()
    {
        const int Silos = 6;
        var cluster = await NewClusterAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, Silos).Select(i => Task.Run(() => InsertSiloAsync(cluster, 20_000 + i, version: 0))));

        Assert.Single(outcomes, applied => applied);
        Assert.Single(await ReadAsync(fixture.DataSource, "MembershipReadAllKey", ("DeploymentId", cluster)));
    }

    [Fact]
    public async Task Update_applies_only_with_the_current_version_and_stores_suspect_times()
    {
        var cluster = await NewClusterAsync();
        await InsertSiloAsync(cluster, 11111, version: 0);
        const string Suspicions = "S127.0.0.1:22222:1@1,2026-11-23 20:00:00.000 GMT";

        Assert.False(await UpdateSiloAsync(cluster, 11111, Dead, Suspicions, version: 0));
        Assert.True(await UpdateSiloAsync(cluster, 11111, Dead, Suspicions, version: 1));
        Assert.True(await UpdateSiloAsync(cluster, 11111, Dead, suspectTimes: null, version: 2));

        var row = Assert.Single(await ReadAsync(fixture.DataSource, "MembershipReadRowKey",
            ("DeploymentId", cluster), ("Address", "127.0.0.1"), ("Port", 11111), ("Generation", 1)));
        Assert.Equal(Dead, row["Status"]);
        Assert.Null(row["SuspectTimes"]);
        Assert.Equal(3, Convert.ToInt32(row["Version"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Read_row_returns_the_version_even_for_an_unknown_silo()
    {
        var cluster = await NewClusterAsync();

        var row = Assert.Single(await ReadAsync(fixture.DataSource, "MembershipReadRowKey",
            ("DeploymentId", cluster), ("Address", "127.0.0.1"), ("Port", 1), ("Generation", 1)));

        Assert.Null(row["StartTime"]);
        Assert.Equal(0, Convert.ToInt32(row["Version"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Heartbeat_gateways_cleanup_and_delete_work_on_their_own_cluster()
    {
        var cluster = await NewClusterAsync();
        await InsertSiloAsync(cluster, 11111, version: 0);
        await InsertSiloAsync(cluster, 11112, version: 1);
        await UpdateSiloAsync(cluster, 11112, Dead, null, version: 2);
        var later = DateTime.UtcNow.AddMinutes(5);

        await ReadAsync(fixture.DataSource, "UpdateIAmAlivetimeKey",
            ("DeploymentId", cluster), ("Address", "127.0.0.1"), ("Port", 11111), ("Generation", 1), ("IAmAliveTime", later));
        var gateways = await ReadAsync(fixture.DataSource, "GatewaysQueryKey", ("DeploymentId", cluster), ("Status", Active));
        await ReadAsync(fixture.DataSource, "CleanupDefunctSiloEntriesKey", ("DeploymentId", cluster), ("IAmAliveTime", DateTime.UtcNow.AddMinutes(1)));
        var afterCleanup = await ReadAsync(fixture.DataSource, "MembershipReadAllKey", ("DeploymentId", cluster));

        var gateway = Assert.Single(gateways);
        Assert.Equal(30_000, gateway["ProxyPort"]);
        var survivor = Assert.Single(afterCleanup);
        Assert.Equal(11111, survivor["Port"]);
        Assert.Equal(later, (DateTime)survivor["IAmAliveTime"]!, TimeSpan.FromMilliseconds(1));

        await ReadAsync(fixture.DataSource, "DeleteMembershipTableEntriesKey", ("DeploymentId", cluster));
        Assert.Empty(await ReadAsync(fixture.DataSource, "MembershipReadAllKey", ("DeploymentId", cluster)));
    }

    private static string NewClusterId() => "test-" + Guid.NewGuid().ToString("N");

    private async Task<string> NewClusterAsync()
    {
        var cluster = NewClusterId();
        await AppliedAsync(fixture.DataSource, "InsertMembershipVersionKey", ("DeploymentId", cluster));
        return cluster;
    }

    private Task<bool> InsertSiloAsync(string cluster, int port, int version) =>
        AppliedAsync(fixture.DataSource, "InsertMembershipKey",
            ("DeploymentId", cluster), ("IAmAliveTime", DateTime.UtcNow), ("SiloName", $"silo-{port}"), ("HostName", "host"),
            ("Address", "127.0.0.1"), ("Port", port), ("Generation", 1), ("StartTime", DateTime.UtcNow),
            ("Status", Active), ("ProxyPort", 30_000), ("Version", version));

    private Task<bool> UpdateSiloAsync(string cluster, int port, int status, string? suspectTimes, int version) =>
        AppliedAsync(fixture.DataSource, "UpdateMembershipKey",
            ("DeploymentId", cluster), ("Address", "127.0.0.1"), ("Port", port), ("Generation", 1),
            ("IAmAliveTime", DateTime.UtcNow), ("Status", status), ("SuspectTimes", suspectTimes), ("Version", version));
}
