namespace BenchCluster.Grains.Worker;

/// <summary>Starts the engine a model host runs its jobs on.</summary>
public interface IModelEngineFactory
{
    Task<IModelEngine> StartAsync(CatalogEntry model, int gpuLayers, CancellationToken cancellationToken);
}
