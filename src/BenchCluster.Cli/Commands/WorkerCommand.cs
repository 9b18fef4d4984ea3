using System.CommandLine;
using BenchCluster.EngineProcess.Parent;
using BenchCluster.Hosting.Tls;
using BenchCluster.Hosting.Worker;
using BenchCluster.Storage.Access;
using BenchCluster.Hosting.Restart;

namespace BenchCluster.Cli.Commands;

/// <summary>`benchcluster worker`: a node that runs benchmark jobs on the models in its folders.</summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var postgres = CommonOptions.Postgres();
        var clusterId = CommonOptions.ClusterId();
        var tls = new ClusterTlsOptions();
        var node = new Option<string>("--node") { Description = "This node's name in the cluster (unique). Default: the host name.", DefaultValueFactory = _ => Environment.MachineName };
        var models = new Option<string[]>("--models") { Description = "Folder of .gguf files this node serves (repeatable). Files our GGUF reader rejects are listed and skipped.", DefaultValueFactory = _ => ["models"], AllowMultipleArgumentsPerToken = true };
        var device = new Option<string>("--device") { Description = "cpu or gpu. gpu needs an NVIDIA GPU and the CUDA libraries (infra/install-native.sh --gpu).", DefaultValueFactory = _ => "cpu" };
        device.AcceptOnlyFromAmong("cpu", "gpu");
        var price = new Option<double>("--price-per-hour") { Description = "This node's cost in US$ per hour (cloud price or amortized purchase), for $/1M tokens." };
        var watts = new Option<double>("--watts") { Description = "Power draw under load in watts, for energy cost (measured RAPL/nvidia-smi power wins when available)." };
        var address = new Option<string?>("--address") { Description = "Address other silos reach this one at. Default: this host's first non-loopback IPv4 address." };
        var siloPort = new Option<int>("--silo-port") { Description = "Silo-to-silo port. Default: a free port." };
        var jobTimeout = new Option<double>("--job-timeout-minutes") { Description = "A job running longer is declared hung and its engine process killed.", DefaultValueFactory = _ => 30 };
        var engine = new Option<string>("--engine") { Description = "llama (default): each model in a supervised llama.cpp child process. noop: answer every job at once without inference, to measure the cluster's own overhead (results are meaningless).", DefaultValueFactory = _ => "llama" };
        engine.AcceptOnlyFromAmong("llama", "noop");
        var jobsAtOnce = new Option<int>("--jobs-at-once") { Description = "Jobs this node runs at once. Keep 1 for real measurements; more only with --engine noop.", DefaultValueFactory = _ => 1 };
        CommonOptions.RequirePositive(jobsAtOnce);
        var apiKeyEnv = SuiteSafetyOptions.ApiKeyEnv();
        var command = new Command("worker", """
            Run a worker silo on this machine: it advertises its hardware, price and models to the cluster and runs the
            jobs placed on it, each loaded model in a supervised engine child process (a native crash fails a job, not the node).
            If the cluster declares it dead (it froze or lost the network for seconds), it starts a new silo by itself and rejoins.
            Example:
              BENCHCLUSTER_POSTGRES='<infra/postgres.sh url --role worker --host DB>' benchcluster worker --models /srv/models --price-per-hour 0.45 --watts 180
            Endpoint suites may send an API key only from a variable allowed here, e.g. --api-key-env OPENAI_API_KEY.
            """)
        {
            postgres, clusterId, node, models, device, price, watts, address, siloPort, jobTimeout, engine, jobsAtOnce, apiKeyEnv,
        };
        foreach (var option in tls.All)
            command.Options.Add(option);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            // The operator's own input is checked before anything it needs from outside (certificates, Postgres).
            var apiKeyVariables = SuiteSafetyOptions.Resolve(parse.GetValue(apiKeyEnv));
            var options = new WorkerOptions
            {
                Cluster = CommonOptions.Resolve(parse.GetValue(postgres), parse.GetValue(clusterId), DatabaseRole.Worker),
                Credentials = tls.Resolve(parse, CertificateRole.Node),
                NodeName = parse.GetValue(node)!,
                ModelDirectories = parse.GetValue(models)!.Select(Path.GetFullPath).ToList(),
                DeviceKind = parse.GetValue(device)!,
                PriceUsdPerHour = parse.GetValue(price),
                Watts = parse.GetValue(watts),
                AdvertisedAddress = CoordinatorCommand.ParseAddress(parse.GetValue(address)),
                SiloPort = parse.GetValue(siloPort),
                JobTimeout = TimeSpan.FromMinutes(parse.GetValue(jobTimeout)),
                Engine = parse.GetValue(engine)!,
                JobsAtOnce = parse.GetValue(jobsAtOnce),
                ApiKeyVariables = apiKeyVariables,
            };
            var engineLaunch = EngineLaunchOptions.FromCurrentProcess();
            await SiloRunLoop.RunAsync($"worker {options.NodeName}", token => WorkerHost.BuildAsync(options, engineLaunch, token), cancellationToken);
            return 0;
        });
        return command;
    }
}
