using System.CommandLine;
using BenchCluster.Cli.Output;
using BenchCluster.Cli.Planning;
using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Runs;
using BenchCluster.Hosting.Client;
using BenchCluster.Hosting.Tls;
using BenchCluster.Storage.Access;

namespace BenchCluster.Cli.Commands;

/// <summary>`benchcluster submit SUITE`: sends a suite to a running cluster.</summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var suite = new Argument<FileInfo>("SUITE") { Description = "The suite file (YAML), e.g. benchmarks.yaml; docs/suite-format.md describes it." };
        var postgres = CommonOptions.Postgres();
        var clusterId = CommonOptions.ClusterId();
        var tls = new ClusterTlsOptions();
        var watch = new Option<bool>("--watch") { Description = "Follow the run until it ends, then print its results." };
        var maxJobs = SuiteSafetyOptions.MaxJobs("checked here before submitting; the coordinator applies its own --max-jobs");
        var tags = TagOptions.Create();
        var dryRun = DryRun.Option();
        var format = new Option<ResultFormat>("--format") { Description = "How --dry-run prints its plan: table (default) or json.", DefaultValueFactory = _ => ResultFormat.Table };
        var command = new Command("submit", """
            Submit a suite to a running cluster. The coordinator checks it against the live workers (every model must be
            held by an eligible node) and prints the run id; the run continues if this command exits.
            Example:
              benchcluster submit benchmarks.yaml --postgres 'Host=db;...' --watch
              benchcluster submit benchmarks.yaml --postgres 'Host=db;...' --dry-run   (the plan on the joined nodes; no run is created)
            """)
        {
            suite, postgres, clusterId, watch, maxJobs, tags, dryRun, format,
        };
        foreach (var option in tls.All)
            command.Options.Add(option);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(suite)!;
            var text = await SuiteFile.ReadAsync(file, cancellationToken);
            var definition = SuiteFile.Check(text, file.Name, parse.GetValue(maxJobs));
            var cluster = CommonOptions.Resolve(parse.GetValue(postgres), parse.GetValue(clusterId), DatabaseRole.Reader);
            var credentials = tls.Resolve(parse, CertificateRole.User);
            using var client = await ClientSession.ConnectAsync(cluster, credentials, cancellationToken);
            var grain = client.Client().GetGrain<ISuiteGrain>(Guid.NewGuid());
            if (parse.GetValue(dryRun))
                return await DryRun.SubmitAsync(grain, new SuiteSubmission(text, file.Name, credentials.Name), definition, cluster, parse.GetValue(maxJobs), parse.GetValue(format), cancellationToken);
            SubmitResult result;
            try
            {
                // The gateway replaces the name with the one in the certificate it verified (CallerIdentityFilter).
                result = await grain.SubmitAsync(new SuiteSubmission(text, file.Name, credentials.Name, parse.GetValue(tags)));
            }
            catch (TimeoutException e)
            {
                throw new UserFacingException($"the coordinator did not answer the submission in time ({e.Message}); check its log, and whether the suite is far larger than usual");
            }
            if (!SubmitOutput.Report(result))
                return CommandRunner.Failure;
            if (!parse.GetValue(watch))
                return 0;
            var progress = await RunWatcher.WatchAsync(grain, cancellationToken);
            await ResultsCommand.PrintAsync(cluster, result.RunId, ResultFormat.Table, cancellationToken);
            return progress.Status == RunStatus.Completed ? 0 : CommandRunner.Failure;
        });
        return command;
    }
}
