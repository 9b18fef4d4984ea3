using System.Text;
using BenchCluster.Engine.Native;
using BenchCluster.Gguf;
using BenchCluster.Gguf.Format;

namespace BenchCluster.Engine.Inference;

/// <summary>Reads what a loaded model says about itself (GGUF metadata through llama.cpp) into a <see cref="ModelInfo"/>.</summary>
internal static unsafe class LlamaModelMetadata
{
    /// <summary>llama.cpp's LLAMA_FTYPE_GUESSED: the file has no general.file_type.</summary>
    private const int GuessedFileTypeFlag = 1024;
    private const int SmallBufferBytes = 256;

    public static ModelInfo Describe(SafeLlamaModelHandle model, string path, long fileSizeBytes, string sha256)
    {
        var vocab = LlamaNative.llama_model_get_vocab(model);
        var synthetic = string.Equals(Read(model, SyntheticMarker.SyntheticKey), "true", StringComparison.OrdinalIgnoreCase);
        return new ModelInfo
        {
            Path = path,
            Architecture = Read(model, "general.architecture") ?? "unknown",
            Description = Describe(model),
            ParameterCount = (long)LlamaNative.llama_model_n_params(model),
            FileSizeBytes = fileSizeBytes,
            TensorSizeBytes = (long)LlamaNative.llama_model_size(model),
            QuantizationType = QuantizationName(LlamaNative.llama_model_ftype(model)),
            ContextLength = LlamaNative.llama_model_n_ctx_train(model),
            VocabularySize = LlamaNative.llama_vocab_n_tokens(vocab),
            LayerCount = LlamaNative.llama_model_n_layer(model),
            EmbeddingLength = LlamaNative.llama_model_n_embd(model),
            Sha256 = sha256,
            IsSynthetic = synthetic,
            SyntheticPreset = synthetic ? Read(model, SyntheticMarker.PresetKey) : null,
        };
    }

    /// <summary>"Q4_K_M", "F16"…; "Q4_K_M (guessed)" when the file has no general.file_type.</summary>
    internal static string QuantizationName(int fileType)
    {
        var type = fileType & ~GuessedFileTypeFlag;
        var name = LlamaFileType.NameOf(type) ?? $"ftype {type}";
        return (fileType & GuessedFileTypeFlag) != 0 ? $"{name} (guessed)" : name;
    }

    /// <summary>A metadata value as a string, or null when the key is absent.</summary>
    public static string? Read(SafeLlamaModelHandle model, string key)
    {
        var buffer = stackalloc byte[SmallBufferBytes];
        var length = LlamaNative.llama_model_meta_val_str(model, key, buffer, SmallBufferBytes);
        if (length < 0)
            return null;
        if (length < SmallBufferBytes)
            return Encoding.UTF8.GetString(buffer, length);

        var large = new byte[length + 1];
        fixed (byte* p = large)
        {
            length = LlamaNative.llama_model_meta_val_str(model, key, p, (nuint)large.Length);
            return Encoding.UTF8.GetString(p, length);
        }
    }

    private static string Describe(SafeLlamaModelHandle model)
    {
        var buffer = stackalloc byte[SmallBufferBytes];
        var length = LlamaNative.llama_model_desc(model, buffer, SmallBufferBytes);
        return length <= 0 ? string.Empty : Encoding.UTF8.GetString(buffer, Math.Min(length, SmallBufferBytes - 1));
    }
}
