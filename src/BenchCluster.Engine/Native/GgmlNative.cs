using System.Runtime.InteropServices;

namespace BenchCluster.Engine.Native;

/// <summary>The few ggml functions we need: backend registry (libggml) and device/threadpool helpers (libggml-base).</summary>
internal static unsafe partial class GgmlNative
{
    static GgmlNative() => LlamaLibraryLoader.RegisterResolver();

    [LibraryImport(LlamaLibraryNames.Ggml, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void ggml_backend_load_all_from_path(string directory);

    [LibraryImport(LlamaLibraryNames.Ggml)]
    public static partial nuint ggml_backend_dev_count();

    [LibraryImport(LlamaLibraryNames.Ggml)]
    public static partial nint ggml_backend_dev_get(nuint index);

    [LibraryImport(LlamaLibraryNames.Ggml)]
    public static partial nint ggml_backend_dev_by_type(GgmlBackendDeviceType type);

    [LibraryImport(LlamaLibraryNames.GgmlBase)]
    public static partial nint ggml_backend_dev_name(nint device);

    [LibraryImport(LlamaLibraryNames.GgmlBase)]
    public static partial nint ggml_backend_dev_description(nint device);

    [LibraryImport(LlamaLibraryNames.GgmlBase)]
    public static partial GgmlBackendDeviceType ggml_backend_dev_type(nint device);

    [LibraryImport(LlamaLibraryNames.GgmlBase)]
    public static partial nint ggml_backend_dev_backend_reg(nint device);

    [LibraryImport(LlamaLibraryNames.GgmlBase, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint ggml_backend_reg_get_proc_address(nint registry, string name);

    [LibraryImport(LlamaLibraryNames.GgmlBase)]
    public static partial GgmlThreadpoolParams ggml_threadpool_params_default(int threadCount);
}
