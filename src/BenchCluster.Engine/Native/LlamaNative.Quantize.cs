using System.Runtime.InteropServices;

namespace BenchCluster.Engine.Native;

/// <summary>llama.h's quantization entry points (pinned: llama.cpp de3ff81, tag v0.5.0).</summary>
internal static unsafe partial class LlamaNative
{
    [LibraryImport(Lib)]
    public static partial LlamaModelQuantizeParams llama_model_quantize_default_params();

    /// <summary>0 on success; on failure 1, with llama.cpp's reason on the log (captured by <see cref="LlamaLogCapture"/>).</summary>
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint llama_model_quantize(string inputPath, string outputPath, LlamaModelQuantizeParams* parameters);
}
