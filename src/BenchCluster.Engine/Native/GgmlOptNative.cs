using System.Runtime.InteropServices;

namespace BenchCluster.Engine.Native;

/// <summary>ggml-opt.h's datasets and results (libggml-base of the pinned release), for <see cref="LlamaNative.llama_opt_epoch"/>.</summary>
internal static unsafe partial class GgmlOptNative
{
    static GgmlOptNative() => LlamaLibraryLoader.RegisterResolver();

    private const string Lib = LlamaLibraryNames.GgmlBase;

    /// <summary>enum ggml_type GGML_TYPE_I32.</summary>
    public const int TypeI32 = 26;

    [LibraryImport(Lib)]
    public static partial nint ggml_opt_dataset_init(int typeData, int typeLabel, long elementsPerDatapoint, long elementsPerLabel, long datapoints, long datapointsPerShard);

    [LibraryImport(Lib)]
    public static partial void ggml_opt_dataset_free(nint dataset);

    [LibraryImport(Lib)]
    public static partial long ggml_opt_dataset_ndata(nint dataset);

    /// <summary>The ggml_tensor of shape [elementsPerDatapoint, datapoints]; its bytes are host memory (<see cref="ggml_get_data"/>).</summary>
    [LibraryImport(Lib)]
    public static partial nint ggml_opt_dataset_data(nint dataset);

    [LibraryImport(Lib)]
    public static partial nint ggml_opt_dataset_labels(nint dataset);

    [LibraryImport(Lib)]
    public static partial void* ggml_get_data(nint tensor);

    [LibraryImport(Lib)]
    public static partial long ggml_nelements(nint tensor);

    [LibraryImport(Lib)]
    public static partial nint ggml_opt_result_init();

    [LibraryImport(Lib)]
    public static partial void ggml_opt_result_free(nint result);

    [LibraryImport(Lib)]
    public static partial void ggml_opt_result_reset(nint result);

    [LibraryImport(Lib)]
    public static partial void ggml_opt_result_ndata(nint result, long* datapoints);

    /// <summary>Mean cross-entropy per token (nats) and its uncertainty.</summary>
    [LibraryImport(Lib)]
    public static partial void ggml_opt_result_loss(nint result, double* loss, double* uncertainty);

    [LibraryImport(Lib)]
    public static partial void ggml_opt_result_accuracy(nint result, double* accuracy, double* uncertainty);
}
