namespace BenchCluster.Gguf;

/// <summary>What is wrong with a rejected GGUF file; lets callers and tests tell rejections apart without parsing messages.</summary>
public enum GgufProblem
{
    NotGguf,
    UnsupportedVersion,
    Truncated,
    AbsurdCount,
    AbsurdLength,
    InvalidMetadata,
    DuplicateKey,
    InvalidTensorInfo,
    DuplicateTensorName,
    UnknownTensorType,
    DimensionOverflow,
    MisalignedTensor,
    TensorOutOfBounds,
    UnsupportedArchitecture,
    MissingMetadata,
    InconsistentModel,
    Unreadable,
}
