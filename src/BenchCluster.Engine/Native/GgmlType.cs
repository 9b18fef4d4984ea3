namespace BenchCluster.Engine.Native;

/// <summary>
/// enum ggml_type: the values a KV cache may take (ggml.h of the pinned release). Not BenchCluster.Gguf's GgmlType:
/// the [LibraryImport] generator treats a struct holding an enum of another assembly as non-blittable (SYSLIB1051),
/// so the structs passed by value to llama.cpp keep this assembly-local copy of the few values they need.
/// </summary>
internal enum GgmlType
{
    F32 = 0,
    F16 = 1,
    Q4_0 = 2,
    Q4_1 = 3,
    Q5_0 = 6,
    Q5_1 = 7,
    Q8_0 = 8,
    BF16 = 30,
}
