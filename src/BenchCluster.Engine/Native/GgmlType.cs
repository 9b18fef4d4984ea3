namespace BenchCluster.Engine.Native;

/// <summary>enum ggml_type: the values a KV cache may take (ggml.h of the pinned release).</summary>
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
