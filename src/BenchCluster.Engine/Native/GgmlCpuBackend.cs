namespace BenchCluster.Engine.Native;

/// <summary>
/// Functions of the CPU backend variant ggml picked at run time (libggml-cpu-zen4.so here). They are not exported
/// by a library we can name in [LibraryImport], so they are looked up through the backend registry, as llama-bench does.
/// </summary>
internal static unsafe class GgmlCpuBackend
{
    private static readonly Lazy<Functions> Resolved = new(Resolve);

    /// <summary>ggml_threadpool_new: a persistent pool whose workers wait between graphs instead of being re-created.</summary>
    public static nint NewThreadpool(ref GgmlThreadpoolParams parameters)
    {
        fixed (GgmlThreadpoolParams* p = &parameters)
            return Resolved.Value.New(p);
    }

    public static void FreeThreadpool(nint threadpool) => Resolved.Value.Free(threadpool);

    private static Functions Resolve()
    {
        var device = GgmlNative.ggml_backend_dev_by_type(GgmlBackendDeviceType.Cpu);
        if (device == 0)
            throw new InvalidOperationException("ggml has no CPU backend registered: LlamaRuntime.EnsureInitialized must run first.");
        var registry = GgmlNative.ggml_backend_dev_backend_reg(device);
        var create = GgmlNative.ggml_backend_reg_get_proc_address(registry, "ggml_threadpool_new");
        var free = GgmlNative.ggml_backend_reg_get_proc_address(registry, "ggml_threadpool_free");
        if (create == 0 || free == 0)
            throw new InvalidOperationException("The ggml CPU backend does not export ggml_threadpool_new/ggml_threadpool_free.");
        return new Functions(
            (delegate* unmanaged[Cdecl]<GgmlThreadpoolParams*, nint>)create,
            (delegate* unmanaged[Cdecl]<nint, void>)free);
    }

    private sealed class Functions(
        delegate* unmanaged[Cdecl]<GgmlThreadpoolParams*, nint> create,
        delegate* unmanaged[Cdecl]<nint, void> free)
    {
        public nint New(GgmlThreadpoolParams* parameters) => create(parameters);
        public void Free(nint threadpool) => free(threadpool);
    }
}
