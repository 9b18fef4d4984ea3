using System.CommandLine;
using BenchCluster.Contracts.Grains;
using BenchCluster.Hosting.Client;
using BenchCluster.Hosting.Tls;
using BenchCluster.Storage.Access;
using BenchCluster.Cli.Output;
using BenchCluster.Cli.Output.Listings;

namespace BenchCluster.Cli.Commands;

/// <summary>`benchcluster models`: the model files the live workers hold, by SHA-256.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var postgres = CommonOptions.Postgres();
        var clusterId = CommonOptions.ClusterId();
        var tls = new ClusterTlsOptions();
        var format = FormatOption.Create("the models");
        var command = new Command("models", """
            List the model files the live workers hold: file, architecture, quantization, size, synthetic or real,
            SHA-256, and which nodes hold each one.
            Example:
              benchcluster models --postgres 'Host=db;...'
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
            await ModelListing.Exporter.WriteAsync(ModelListing.From(workers), parse.GetValue(format), Console.Out, "no worker holds a model", cancellationToken);
            return 0;
        });
        return command;
    }
}
