using BenchCluster.EngineProcess.Parent;
using BenchCluster.Grains.Placement;
using BenchCluster.Grains.Worker;
using BenchCluster.Hosting.Restart;
using BenchCluster.Hosting.Silos;
using BenchCluster.Storage;
using BenchCluster.Storage.Models;
using BenchCluster.Storage.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BenchCluster.Hosting.Worker;

/// <summary>
/// A worker silo: scans its model folders, advertises what the machine has and holds as silo metadata, registers
/// itself and its models in Postgres, and joins the cluster through the membership table.
/// </summary>
public static class WorkerHost
{
    public static async Task<IHost> BuildAsync(WorkerOptions options, EngineLaunchOptions engineLaunch, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        SiloLogging.Configure(builder.Logging);
        using var startupLoggers = LoggerFactory.Create(SiloLogging.Configure);
        var logger = startupLoggers.CreateLogger("BenchCluster.Worker");

        var machine = MachineProbe.Detect();
        if (options.DeviceKind == "gpu" && machine.Gpus.Count == 0)
            throw new InvalidOperationException(
                $"--device gpu was given but node {options.NodeName} has no GPU that nvidia-smi reports; start it with --device cpu, or install the NVIDIA driver");
        var catalog = await ModelCatalog.ScanAsync(options.ModelDirectories, logger, cancellationToken);
        var node = WorkerIdentity.Describe(options, machine, catalog);
        logger.LogInformation("worker {Node}: {Device} ({DeviceName}), {Cores} cores, {RamGiB:F1} GiB RAM, {Models} model(s): {Names}",
            node.NodeName, node.DeviceKind, node.DeviceName, node.Cores, node.RamBytes / 1073741824.0, node.Models.Count,
            string.Join(", ", node.Models.Select(m => m.FileName)));

        foreach (var variable in options.ApiKeyVariables.Names.Where(v => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v))))
            logger.LogWarning("--api-key-env {Variable}: the variable is not set, so endpoint jobs that need it will fail", variable);
        logger.LogInformation("worker {Node}: endpoint suites may use the API keys in {Variables}", node.NodeName, options.ApiKeyVariables);

        var database = BenchClusterDatabase.Create(options.Cluster.PostgresConnectionString);
        await RegisterAsync(database, node, catalog, cancellationToken);

        var endpoint = new SiloEndpoint(options.AdvertisedAddress ?? SiloEndpoint.DetectAddress(),
            options.SiloPort == 0 ? SiloEndpoint.FreePort() : options.SiloPort, GatewayPort: null);
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton(engineLaunch);
        if (options.Engine == "noop")
            builder.Services.AddSingleton<IModelEngineFactory, NoopEngines>();
        else
            builder.Services.AddSingleton<IModelEngineFactory, ChildProcessEngines>();
        builder.Services.AddSingleton(services => new WorkerContext(
            options.NodeName, catalog, services.GetRequiredService<IModelEngineFactory>(), options.JobTimeout, options.JobsAtOnce)
        {
            ApiKeyVariables = options.ApiKeyVariables,
            QualityCacheFolder = Path.Combine(options.ModelDirectories.Count > 0 ? options.ModelDirectories[0] : Path.GetTempPath(), ".quality-cache"),
        });
        builder.Services.AddSingleton<MeasurementPublisher>();
        builder.UseOrleans(silo => silo.UseBenchClusterSilo(options.Cluster, options.Credentials, endpoint, WorkerMetadataCodec.Encode(node)));
        SiloRestartSignal.Register(builder.Services);
        return builder.Build();
    }

    private static async Task RegisterAsync(BenchClusterDatabase database, Contracts.Nodes.WorkerNode node, ModelCatalog catalog, CancellationToken cancellationToken)
    {
        await database.Nodes.UpsertAsync(new NodeRow
        {
            NodeName = node.NodeName,
            DeviceKind = node.DeviceKind,
            DeviceName = node.DeviceName,
            CpuModel = node.CpuModel,
            Cores = node.Cores,
            RamBytes = node.RamBytes,
            VramBytes = node.VramBytes,
            PriceUsdPerHour = node.PriceUsdPerHour,
            Watts = node.Watts,
        }, cancellationToken);
        foreach (var entry in catalog.Models)
        {
            await database.Models.UpsertAsync(new ModelRow
            {
                Sha256 = entry.Model.Sha256,
                FileName = entry.Model.FileName,
                Architecture = entry.Model.Architecture,
                FileSizeBytes = entry.Model.SizeBytes,
                Quantization = entry.Model.Quantization,
                IsSynthetic = entry.Model.IsSynthetic,
                SyntheticPreset = entry.Model.SyntheticPreset,
            }, cancellationToken);
        }
    }
}
