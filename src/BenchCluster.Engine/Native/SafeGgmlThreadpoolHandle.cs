using Microsoft.Win32.SafeHandles;

namespace BenchCluster.Engine.Native;

/// <summary>Owns a <c>ggml_threadpool*</c> of the CPU backend; detach it from every context before disposing.</summary>
internal sealed class SafeGgmlThreadpoolHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private SafeGgmlThreadpoolHandle(nint threadpool) : base(ownsHandle: true) => SetHandle(threadpool);

    /// <summary>A pool of <paramref name="threads"/> (the caller's thread counts as one) that polls at <paramref name="poll"/> (0–100).</summary>
    public static SafeGgmlThreadpoolHandle Create(int threads, int poll)
    {
        var parameters = GgmlNative.ggml_threadpool_params_default(threads);
        parameters.poll = (uint)poll;
        var pool = GgmlCpuBackend.NewThreadpool(ref parameters);
        if (pool == 0)
            throw new InvalidOperationException($"ggml_threadpool_new failed for {threads} threads.");
        return new SafeGgmlThreadpoolHandle(pool);
    }

    protected override bool ReleaseHandle()
    {
        GgmlCpuBackend.FreeThreadpool(handle);
        return true;
    }
}
