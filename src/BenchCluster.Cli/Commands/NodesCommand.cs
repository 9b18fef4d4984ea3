using System.CommandLine;
using System.Globalization;
using BenchCluster.Contracts.Grains;
using BenchCluster.Hosting.Client;
using BenchCluster.Hosting.Tls;
using BenchCluster.Storage.Access;
using Spectre.Console;

namespace BenchCluster.Cli.Commands;

/// <summary>`benchcluster nodes`: the live worker nodes and what they advertise.</summary>
internal static class NodesCommand
{
    public static Command Create()
    {
        var postgres = CommonOptions.Postgres();
        var clusterId = CommonOptions.ClusterId();
        var tls = new ClusterTlsOptions();
        var command = new Command("nodes", """
            List the live worker nodes of a cluster: device, cores, RAM, VRAM, price, watts and model count, as each
            advertises in its silo metadata.
            Example:
              benchcluster nodes --postgres 'Host=db;...'
            """)
        {
            postgres, clusterId,
        };
        foreach (var option in tls.All)
            command.Options.Add(option);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var cluster = CommonOptions.Resolve(parse.GetValue(postgres), parse.GetValue(clusterId), DatabaseRole.Reader);
            using var client = await ClientSession.ConnectAsync(cluster, tls.Resolve(parse, CertificateRole.User), cancellationToken);
            var workers = await client.Client().GetGrain<IClusterDirectoryGrain>(0).GetWorkersAsync();
            var table = new Table().Border(TableBorder.Rounded).AddColumns("node", "device", "cores", "RAM GiB", "VRAM GiB", "$/hour", "watts", "models", "silo");
            foreach (var w in workers)
                table.AddRow(Markup.Escape(w.NodeName), Markup.Escape($"{w.DeviceKind}: {w.DeviceName}"), w.Cores.ToString(CultureInfo.InvariantCulture),
                    Gib(w.RamBytes), Gib(w.VramBytes), w.PriceUsdPerHour.ToString("0.###", CultureInfo.InvariantCulture),
                    w.Watts.ToString("0", CultureInfo.InvariantCulture), w.Models.Count.ToString(CultureInfo.InvariantCulture), Markup.Escape(w.SiloAddress));
            AnsiConsole.Write(table);
            if (workers.Count == 0)
                AnsiConsole.MarkupLine("[yellow]no worker is connected; start one with 'benchcluster worker'[/]");
            return 0;
        });
        return command;
    }

    private static string Gib(long bytes) => (bytes / 1073741824.0).ToString("0.0", CultureInfo.InvariantCulture);
}
