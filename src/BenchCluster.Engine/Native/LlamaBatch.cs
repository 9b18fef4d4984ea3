using System.Runtime.InteropServices;

namespace BenchCluster.Engine.Native;

/// <summary>
/// Mirrors <c>struct llama_batch</c> of the pinned llama.h. The arrays are owned by whoever allocated them
/// (<see cref="NativeBatch"/> through llama_batch_init); every array holds at least <see cref="n_tokens"/> entries.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LlamaBatch
{
    public int n_tokens;
    public int* token;
    public float* embd;
    public int* pos;
    public int* n_seq_id;
    public int** seq_id;
    /// <summary>int8_t per token: non-zero = compute this token's logits ("output").</summary>
    public sbyte* logits;
}
