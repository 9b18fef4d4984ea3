using BenchCluster.Gguf.Format;

namespace BenchCluster.Gguf.Siblings;

/// <summary>
/// The quantization types BenchCluster offers through <c>llama_model_quantize</c>. The i-quants (IQ*) are left out:
/// llama.cpp refuses most of them without an importance matrix, which we do not compute.
/// </summary>
public static class QuantizationTypes
{
    private static readonly int[] FileTypes = [0, 1, 32, 7, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18];

    public static IReadOnlyList<QuantizationType> All { get; } =
        FileTypes.Select(number => new QuantizationType(LlamaFileType.NameOf(number)!.ToLowerInvariant(), number)).ToArray();

    public static string AllowedNames => string.Join(", ", All.Select(type => type.Name));

    /// <summary>Accepts any case and '-' for '_' ("Q4_K_M", "q4-k-m").</summary>
    public static bool TryParse(string? text, out QuantizationType type)
    {
        var normalized = text?.Trim().Replace('-', '_').ToLowerInvariant();
        type = All.FirstOrDefault(candidate => candidate.Name == normalized)!;
        return type is not null;
    }

    /// <summary>True when a file of this general.file_type holds float weights a quantization may start from.</summary>
    public static bool IsFloatFileType(long? fileType) =>
        fileType is LlamaFileType.AllF32 or LlamaFileType.MostlyF16 or 32;
}
