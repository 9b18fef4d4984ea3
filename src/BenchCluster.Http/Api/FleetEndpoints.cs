using BenchCluster.Contracts.Nodes;
using BenchCluster.Http.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BenchCluster.Http.Api;

/// <summary>The fleet: live worker nodes as they advertise themselves, and the model files they hold.</summary>
public static class FleetEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/nodes", async (IClusterBackend cluster, CancellationToken cancellationToken) =>
                Results.Json(await cluster.GetWorkersAsync(cancellationToken), ApiJson.Options))
            .WithName("ListNodes")
            .WithSummary("The live worker nodes: device, cores, RAM, VRAM, price, watts, models held.")
            .Produces<IReadOnlyList<WorkerNode>>();
        api.MapGet("/models", async (IClusterBackend cluster, CancellationToken cancellationToken) =>
                Results.Json(FleetModel.Of(await cluster.GetWorkersAsync(cancellationToken)), ApiJson.Options))
            .WithName("ListModels")
            .WithSummary("The model files the live workers hold, one entry per SHA-256, with the nodes that hold it.")
            .Produces<IReadOnlyList<FleetModel>>();
    }
}
