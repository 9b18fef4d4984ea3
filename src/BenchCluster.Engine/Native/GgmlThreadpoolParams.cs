using System.Runtime.InteropServices;

namespace BenchCluster.Engine.Native;

/// <summary>
/// Mirrors <c>struct ggml_threadpool_params</c> of the pinned ggml.h (GGML_MAX_N_THREADS = 512).
/// Obtain it from <see cref="GgmlNative.ggml_threadpool_params_default"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct GgmlThreadpoolParams
{
    /// <summary>GGML_MAX_N_THREADS in ggml.h: the length of <see cref="cpumask"/>.</summary>
    public const int MaxThreads = 512;

    /// <summary>bool[GGML_MAX_N_THREADS]: all zero = default affinity.</summary>
    public fixed byte cpumask[MaxThreads];
    public int n_threads;
    /// <summary>enum ggml_sched_priority.</summary>
    public int prio;
    /// <summary>0 = no polling, 100 = aggressive polling.</summary>
    public uint poll;
    public byte strict_cpu;
    public byte paused;
}
