using System.CommandLine;
using BenchCluster.Contracts.Grains;
using BenchCluster.Hosting.Client;
using BenchCluster.Hosting.Tls;
using BenchCluster.Storage.Access;

namespace BenchCluster.Cli.Commands;

/// <summary>`benchcluster cancel RUN`: stops a run; finished jobs and their results stay.</summary>
internal static class CancelCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("RUN") { Description = "Run id." };
        var postgres = CommonOptions.Postgres();
        var clusterId = CommonOptions.ClusterId();
        var tls = new ClusterTlsOptions();
        var command = new Command("cancel", """
            Cancel a run: jobs not yet finished are cancelled; finished jobs, samples and results stay.
            Example:
              benchcluster cancel 3f2b9c1e-...
            """)
        {
            run, postgres, clusterId,
        };
        foreach (var option in tls.All)
            command.Options.Add(option);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var runId = ClientSession.ParseRunId(parse.GetValue(run)!);
            var cluster = CommonOptions.Resolve(parse.GetValue(postgres), parse.GetValue(clusterId), DatabaseRole.Reader);
            using var client = await ClientSession.ConnectAsync(cluster, tls.Resolve(parse, CertificateRole.User), cancellationToken);
            await client.Client().GetGrain<ISuiteGrain>(runId).CancelAsync();
            Console.Error.WriteLine($"run {runId} cancelled");
            return 0;
        });
        return command;
    }
}
