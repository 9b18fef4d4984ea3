using BenchCluster.Measurement.Workloads.Inputs;
using System.CommandLine;
using BenchCluster.Cli.Local;
using BenchCluster.Cli.Output;
using BenchCluster.Cli.Planning;
using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Runs;
using BenchCluster.Gguf.Forge;
using BenchCluster.Hosting.Client;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite;
using Spectre.Console;

namespace BenchCluster.Cli.Commands;

/// <summary>`benchcluster run SUITE`: local mode, everything on this machine, started and stopped by this command.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var suite = new Argument<FileInfo>("SUITE") { Description = "The suite file (YAML), e.g. benchmarks.yaml; docs/suite-format.md describes it." };
        var format = FormatOption.Create("the results");
        var apiKeyEnv = SuiteSafetyOptions.ApiKeyEnv();
        var maxJobs = SuiteSafetyOptions.MaxJobs("local mode's limit");
        var tags = TagOptions.Create();
        var dryRun = DryRun.Option();
        var command = new Command("run", """
            Run a suite on this machine (local mode): start the private Postgres under .data/postgres (installing the
            server package on first use), forge the suite's synthetic models into .data/models when missing, start a
            coordinator and one CPU worker silo as child processes, run the suite with live progress, print the results,
            and stop the silos. Only the results go to stdout (--format); progress and messages go to stderr. Postgres keeps running, so the results stay queryable (benchcluster results, infra/postgres.sh psql).
            Example:
              benchcluster run benchmarks.yaml
              benchcluster run benchmarks.yaml --dry-run   (the plan only: nothing is started)
              benchcluster run benchmarks.yaml --format json > results.json
            """)
        {
            suite, format, apiKeyEnv, maxJobs, tags, dryRun,
        };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(suite)!;
            // Local mode: dataset and trace paths are relative to where the user runs us; the child silos inherit it.
            WorkloadDataFolder.DefaultToWorkingFolder();
            var text = await SuiteFile.ReadAsync(file, cancellationToken);
            var definition = SuiteFile.Check(text, file.Name, parse.GetValue(maxJobs), localFiles: true);
            var limits = new LocalClusterLimits(SuiteSafetyOptions.Resolve(parse.GetValue(apiKeyEnv)), parse.GetValue(maxJobs));
            if (parse.GetValue(dryRun))
                return DryRun.Local(definition, limits, parse.GetValue(format));
            var models = BenchClusterHome.DataFolder("models");
            await ForgeMissingAsync(definition, models, cancellationToken);

            await using var cluster = await LocalCluster.StartAsync(models, limits, Messages.Progress, cancellationToken);
            var grain = cluster.Client.Client().GetGrain<ISuiteGrain>(Guid.NewGuid());
            var submitted = await grain.SubmitAsync(new SuiteSubmission(text, file.Name, Environment.UserName, parse.GetValue(tags)));
            if (!SubmitOutput.Report(submitted))
                return CommandRunner.Failure;
            var progress = await RunWatcher.WatchAsync(grain, cancellationToken);
            await ResultsCommand.PrintAsync(cluster.Connection, submitted.RunId, parse.GetValue(format), cancellationToken);
            Messages.Console.MarkupLine($"run {submitted.RunId} {progress.Status.ToString().ToLowerInvariant()}" +
                                   (progress.Error is null ? "" : $": {Markup.Escape(progress.Error)}"));
            Messages.Console.MarkupLine($"[grey]query it: {Markup.Escape(LocalPostgres.PsqlHint(BenchClusterHome.Find()))} -- -c \"select * from v_results where run_id = '{submitted.RunId}'\"[/]");
            return progress.Status == RunStatus.Completed && progress.FailedJobs == 0 ? 0 : CommandRunner.Failure;
        });
        return command;
    }

    /// <summary>Forges each preset model of the suite that the local models folder does not hold yet, links files, then quantizes siblings.</summary>
    public static async Task ForgeMissingAsync(SuiteDefinition suite, string folder, CancellationToken cancellationToken)
    {
        foreach (var model in suite.Models.Where(m => m.Source == ModelSourceKind.Preset).DistinctBy(m => (m.Preset, m.Quantization)))
        {
            var spec = ForgePresets.Get(model.Preset) with { WeightType = ForgeWeightTypes.Parse(model.Quantization) };
            var path = Path.Combine(folder, ModelForge.DefaultFileName(spec));
            if (!File.Exists(path))
                await ForgeRunner.ForgeAsync(spec, path, cancellationToken);
        }
        foreach (var model in suite.Models.Where(m => m.Source == ModelSourceKind.File).Concat(QualityReferences.FileModels(suite)))
        {
            if (!File.Exists(model.Path))
                throw new UserFacingException($"model {model.Name}: file {model.Path} does not exist");
            await LocalModelLinks.LinkAsync(model.Name, model.Path!, folder, cancellationToken);
        }
        await SiblingPreparer.PrepareAsync(suite, folder, cancellationToken);
    }
}
