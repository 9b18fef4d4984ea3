using System.CommandLine;
using BenchCluster.Cli.Output;
using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Runs;
using BenchCluster.Hosting.Client;
using BenchCluster.Hosting.Tls;
using BenchCluster.Storage.Access;

namespace BenchCluster.Cli.Commands;

/// <summary>`benchcluster watch RUN`: follows a run's progress until it ends.</summary>
internal static class WatchCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("RUN") { Description = "Run id, as printed by submit or status." };
        var postgres = CommonOptions.Postgres();
        var clusterId = CommonOptions.ClusterId();
        var tls = new ClusterTlsOptions();
        var format = FormatOption.Create("the results");
        var command = new Command("watch", """
            Follow a run until it ends (jobs done, failures, recent events; on stderr), then print its results on stdout.
            Example:
              benchcluster watch 3f2b9c1e-...
            """)
        {
            run, postgres, clusterId, format,
        };
        foreach (var option in tls.All)
            command.Options.Add(option);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var runId = ClientSession.ParseRunId(parse.GetValue(run)!);
            var cluster = CommonOptions.Resolve(parse.GetValue(postgres), parse.GetValue(clusterId), DatabaseRole.Reader);
            using var client = await ClientSession.ConnectAsync(cluster, tls.Resolve(parse, CertificateRole.User), cancellationToken);
            var progress = await RunWatcher.WatchAsync(client.Client().GetGrain<ISuiteGrain>(runId), cancellationToken);
            await ResultsCommand.PrintAsync(cluster, runId, parse.GetValue(format), cancellationToken);
            return progress.Status == RunStatus.Completed ? 0 : CommandRunner.Failure;
        });
        return command;
    }
}
