using System.Runtime.InteropServices;

namespace BenchCluster.Engine.Native;

/// <summary>
/// Mirrors <c>struct llama_model_quantize_params</c> of the pinned llama.h (llama.cpp de3ff81, tag v0.5.0) in C order.
/// Obtain it from <see cref="LlamaNative.llama_model_quantize_default_params"/> and change only what we set.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LlamaModelQuantizeParams
{
    /// <summary>&lt;= 0 = std::thread::hardware_concurrency().</summary>
    public int nthread;
    /// <summary>enum llama_ftype.</summary>
    public int ftype;
    /// <summary>enum ggml_type; GGML_TYPE_COUNT = llama.cpp's choice.</summary>
    public int output_tensor_type;
    public int token_embedding_type;
    public byte allow_requantize;
    public byte quantize_output_tensor;
    public byte only_copy;
    public byte pure;
    public byte keep_split;
    public byte dry_run;
    /// <summary>const struct llama_model_imatrix_data*.</summary>
    public nint imatrix;
    /// <summary>const struct llama_model_kv_override*: an array ended by an entry whose key is empty.</summary>
    public nint kv_overrides;
    /// <summary>const struct llama_model_tensor_override*.</summary>
    public nint tt_overrides;
    /// <summary>const int32_t*, ended by -1.</summary>
    public nint prune_layers;
    public nuint max_buf_size;
}
