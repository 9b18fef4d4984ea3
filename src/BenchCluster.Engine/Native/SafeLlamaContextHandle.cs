using Microsoft.Win32.SafeHandles;

namespace BenchCluster.Engine.Native;

/// <summary>
/// Owns a <c>llama_context*</c>. It keeps its model alive (a context must be freed before its model), so a
/// model disposed while sessions remain is freed only after the last of them.
/// </summary>
internal sealed class SafeLlamaContextHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private SafeLlamaModelHandle? _model;

    public SafeLlamaContextHandle() : base(ownsHandle: true)
    {
    }

    /// <summary>Ties the model's lifetime to this context; call once, right after creation.</summary>
    public void KeepAlive(SafeLlamaModelHandle model)
    {
        var added = false;
        model.DangerousAddRef(ref added);
        _model = model;
    }

    protected override bool ReleaseHandle()
    {
        LlamaNative.llama_free(handle);
        _model?.DangerousRelease();
        return true;
    }
}
