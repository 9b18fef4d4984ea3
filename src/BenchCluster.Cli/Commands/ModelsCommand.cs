using System.CommandLine;
using System.Globalization;
using BenchCluster.Contracts.Grains;
using BenchCluster.Hosting.Client;
using BenchCluster.Hosting.Tls;
using BenchCluster.Storage.Access;
using Spectre.Console;

namespace BenchCluster.Cli.Commands;

/// <summary>`benchcluster models`: the model files the live workers hold, by SHA-256.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var postgres = CommonOptions.Postgres();
        var clusterId = CommonOptions.ClusterId();
        var tls = new ClusterTlsOptions();
        var command = new Command("models", """
            List the model files the live workers hold: file, architecture, quantization, size, synthetic or real,
            SHA-256, and which nodes hold each one.
            Example:
              benchcluster models --postgres 'Host=db;...'
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
            var table = new Table().Border(TableBorder.Rounded).AddColumns("file", "arch", "quant", "MB", "kind", "sha256", "nodes");
            foreach (var group in workers.SelectMany(w => w.Models.Select(m => (Model: m, Node: w.NodeName))).GroupBy(x => x.Model.Sha256))
            {
                var model = group.First().Model;
                table.AddRow(Markup.Escape(model.FileName), Markup.Escape(model.Architecture), Markup.Escape(model.Quantization),
                    (model.SizeBytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture),
                    model.IsSynthetic ? $"synthetic {Markup.Escape(model.SyntheticPreset ?? "")}" : "real",
                    model.Sha256[..12], Markup.Escape(string.Join(", ", group.Select(x => x.Node))));
            }
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
