using System.Runtime.InteropServices;

namespace BenchCluster.Engine.Native;

/// <summary>llama.h's training entry points (pinned: llama.cpp de3ff81, tag v0.5.0), as its llama-finetune uses them.</summary>
internal static unsafe partial class LlamaNative
{
    /// <summary>Marks the model's weights trainable and builds the optimizer; the context must not yet have one.</summary>
    [LibraryImport(Lib)]
    public static partial void llama_opt_init(SafeLlamaContextHandle context, SafeLlamaModelHandle model, LlamaOptParams parameters);

    /// <summary>One pass over the dataset: datapoints before <paramref name="splitIndex"/> train, the rest evaluate. Callbacks may be 0.</summary>
    [LibraryImport(Lib)]
    public static partial void llama_opt_epoch(
        SafeLlamaContextHandle context, nint dataset, nint resultTrain, nint resultEval, long splitIndex, nint callbackTrain, nint callbackEval);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void llama_model_save_to_file(SafeLlamaModelHandle model, string path);
}
