using Microsoft.Win32.SafeHandles;

namespace BenchCluster.Engine.Native;

/// <summary>Owns a <c>llama_model*</c>; freed with llama_model_free once no context holds it.</summary>
internal sealed class SafeLlamaModelHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeLlamaModelHandle() : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        LlamaNative.llama_model_free(handle);
        return true;
    }
}
