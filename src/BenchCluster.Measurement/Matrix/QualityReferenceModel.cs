namespace BenchCluster.Measurement.Matrix;

/// <summary>
/// The reference of a quality job: a model of the suite (by name, with the file the coordinator matched on the
/// node) or a GGUF path the suite named. The worker turns <see cref="Sha256"/> into a path from its own catalog; a
/// path is used only when it is inside the worker's model folders.
/// </summary>
public sealed record QualityReferenceModel(string Name, string? Sha256, string? Path);
