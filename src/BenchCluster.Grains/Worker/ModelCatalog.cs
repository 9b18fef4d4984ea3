using BenchCluster.Contracts.Nodes;
using BenchCluster.Gguf;
using BenchCluster.Gguf.Siblings;
using Microsoft.Extensions.Logging;

namespace BenchCluster.Grains.Worker;

/// <summary>
/// The models on this worker's disk: every *.gguf under its model folders that our own reader accepts,
/// identified by SHA-256. A file the reader rejects is listed with the reason and never served.
/// </summary>
public sealed class ModelCatalog
{
    public const string ModelFilePattern = "*.gguf";

    private readonly Dictionary<string, CatalogEntry> _bySha256;

    public ModelCatalog(IReadOnlyList<CatalogEntry> models, IReadOnlyList<RejectedModelFile> rejected)
    {
        Models = models;
        Rejected = rejected;
        _bySha256 = models
            .GroupBy(m => m.Model.Sha256, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<CatalogEntry> Models { get; }

    public IReadOnlyList<RejectedModelFile> Rejected { get; }

    public CatalogEntry? Find(string sha256) => _bySha256.GetValueOrDefault(sha256);

    public static async Task<ModelCatalog> ScanAsync(IEnumerable<string> directories, ILogger logger, CancellationToken cancellationToken)
    {
        var models = new List<CatalogEntry>();
        var rejected = new List<RejectedModelFile>();
        foreach (var directory in directories)
        {
            if (!Directory.Exists(directory))
            {
                logger.LogWarning("model folder {Directory} does not exist; create it or fix --models", directory);
                continue;
            }
            var files = Directory.EnumerateFiles(directory, ModelFilePattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal);
            foreach (var path in files)
            {
                try
                {
                    models.Add(await DescribeAsync(path, cancellationToken));
                }
                catch (Exception e) when (e is GgufFormatException or IOException or UnauthorizedAccessException)
                {
                    logger.LogWarning("skipping model file {Path}: {Reason}", path, e.Message);
                    rejected.Add(new RejectedModelFile(path, e.Message));
                }
            }
        }
        return new ModelCatalog(models, rejected);
    }

    private static async Task<CatalogEntry> DescribeAsync(string path, CancellationToken cancellationToken)
    {
        var gguf = GgufValidator.ValidateForInference(path);
        var sha256 = await ModelFileDigest.GetSha256Async(path, cancellationToken);
        var sibling = SiblingMarker.Read(gguf);
        var model = new HeldModel(
            sha256,
            Path.GetFileName(path),
            gguf.FileSize,
            gguf.Architecture ?? "unknown",
            gguf.FileTypeName ?? "unknown",
            gguf.IsSynthetic,
            gguf.SyntheticPreset,
            sibling?.ParentSha256,
            sibling?.Type);
        return new CatalogEntry(Path.GetFullPath(path), model);
    }
}
