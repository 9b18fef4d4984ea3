using System.CommandLine;
using BenchCluster.Contracts.Grains;
using BenchCluster.Hosting.Client;
using BenchCluster.Hosting.Tls;
using BenchCluster.Storage.Access;
using BenchCluster.Cli.Output;
using BenchCluster.Cli.Output.Listings;

namespace BenchCluster.Cli.Commands;

/// <summary>`benchcluster nodes`: the live worker nodes and what they advertise.</summary>
internal static class NodesCommand
{
    public static Command Create()
    {
        var postgres = CommonOptions.Postgres();
        var clusterId = CommonOptions.ClusterId();
        var tls = new ClusterTlsOptions();
        var format = FormatOption.Create("the nodes");
        var command = new Command("nodes", """
            List the live worker nodes of a cluster: device, cores, RAM, VRAM, price, watts and model count, as each
            advertises in its silo metadata.
            Example:
              benchcluster nodes --postgres 'Host=db;...'
            """)
        {
            postgres, clusterId, format,
        };
        foreach (var option in tls.All)
            command.Options.Add(option);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var cluster = CommonOptions.Resolve(parse.GetValue(postgres), parse.GetValue(clusterId), DatabaseRole.Reader);
            using var client = await ClientSession.ConnectAsync(cluster, tls.Resolve(parse, CertificateRole.User), cancellationToken);
            var workers = await client.Client().GetGrain<IClusterDirectoryGrain>(0).GetWorkersAsync();
            await NodeListing.Exporter.WriteAsync(workers, parse.GetValue(format), Console.Out, "no worker is connected", cancellationToken);
            if (workers.Count == 0)
                CommandRunner.Warn("no worker is connected; start one with 'benchcluster worker'");
            return 0;
        });
        return command;
    }
}
