using Microsoft.Extensions.DependencyInjection;
using Orleans.Placement;

namespace BenchCluster.Grains.Placement;

/// <summary>Registers BenchCluster's placement filters; every silo must do this, since any silo may place a grain.</summary>
public static class PlacementRegistration
{
    public static IServiceCollection AddBenchClusterPlacement(this IServiceCollection services) => services
        .AddPlacementFilter<ModelHolderPlacementStrategy, ModelHolderPlacementDirector>(ServiceLifetime.Singleton)
        .AddPlacementFilter<NodePlacementStrategy, NodePlacementDirector>(ServiceLifetime.Singleton)
        .AddPlacementFilter<CoordinatorPlacementStrategy, CoordinatorPlacementDirector>(ServiceLifetime.Singleton);
}
