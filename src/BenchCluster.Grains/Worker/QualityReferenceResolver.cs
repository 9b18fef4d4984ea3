using BenchCluster.EngineProcess.Jobs;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Grains.Worker;

/// <summary>
/// Turns a quality job's reference into a file of this worker's catalog: by SHA-256, or by a path that must be a
/// model file the worker scanned in its own model folders, so a suite can never make a worker open an arbitrary file.
/// </summary>
public static class QualityReferenceResolver
{
    /// <summary>The files for the engine child; null for jobs that are not quality jobs. Throws with a user-facing reason.</summary>
    public static EngineQualityFiles? Resolve(JobSpec job, ModelCatalog catalog, string cacheFolder, string nodeName)
    {
        if (!ScenarioKinds.IsQuality(job.Scenario.Kind))
            return null;
        if (job.Reference is not { } reference)
            return new EngineQualityFiles(null, null, cacheFolder);
        CatalogEntry? entry = null;
        if (reference.Sha256 is { } sha256)
            entry = catalog.Find(sha256.ToLowerInvariant());
        else if (reference.Path is { } path)
        {
            var full = Path.GetFullPath(path);
            entry = catalog.Models.FirstOrDefault(m => string.Equals(Path.GetFullPath(m.Path), full, StringComparison.Ordinal));
        }
        if (entry is null)
            throw new QualityReferenceException(
                $"node {nodeName} holds no model file for the quality reference {reference.Name} " +
                $"({reference.Sha256 ?? reference.Path ?? "no SHA-256 or path"}): put the reference GGUF in this worker's model folders " +
                "(a reference path must be one of those files) and restart the worker so it is catalogued");
        return new EngineQualityFiles(entry.Path, entry.Model.Sha256, cacheFolder);
    }
}
