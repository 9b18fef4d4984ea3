using System.Runtime.InteropServices;

namespace BenchCluster.Engine.Native;

/// <summary>Mirrors <c>struct llama_sampler_chain_params</c> of the pinned llama.h (one C bool).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LlamaSamplerChainParams
{
    public byte no_perf;
}
