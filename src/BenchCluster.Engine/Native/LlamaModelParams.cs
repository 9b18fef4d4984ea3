using System.Runtime.InteropServices;

namespace BenchCluster.Engine.Native;

/// <summary>
/// Mirrors <c>struct llama_model_params</c> of the pinned llama.h (llama.cpp de3ff81, tag v0.5.0) field by field,
/// in C order. Obtain it by value from <see cref="LlamaNative.llama_model_default_params"/> and change only what we set.
/// C <c>bool</c> is one byte: those fields are <see cref="byte"/> so the struct stays blittable.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LlamaModelParams
{
    /// <summary>ggml_backend_dev_t*: NULL-terminated device list, NULL = all devices.</summary>
    public nint devices;
    /// <summary>const struct llama_model_tensor_buft_override*.</summary>
    public nint tensor_buft_overrides;
    public int n_gpu_layers;
    /// <summary>enum llama_split_mode.</summary>
    public int split_mode;
    public LlamaLoadMode load_mode;
    /// <summary>enum llama_lazy_mode.</summary>
    public int lazy_mode;
    public int main_gpu;
    /// <summary>const float*.</summary>
    public nint tensor_split;
    /// <summary>llama_progress_callback.</summary>
    public nint progress_callback;
    public nint progress_callback_user_data;
    /// <summary>const struct llama_model_kv_override*.</summary>
    public nint kv_overrides;
    public byte vocab_only;
    public byte check_tensors;
    public byte use_extra_bufts;
    public byte no_host;
    public byte no_alloc;
    public byte load_mtp;
}
