using BenchCluster.Gguf.Format;

namespace BenchCluster.Gguf.Forge;

/// <summary>Parsing and naming of <see cref="ForgeWeightType"/> values as users type them ("f16", "q8_0", "q4_0", "q4_k_m").</summary>
public static class ForgeWeightTypes
{
    public static IReadOnlyList<ForgeWeightType> All { get; } = Enum.GetValues<ForgeWeightType>();

    /// <summary>The lower-case name used on the command line and in file names.</summary>
    public static string Name(ForgeWeightType type) => type.ToString().ToLowerInvariant();

    public static string AllowedNames => string.Join(", ", All.Select(Name));

    public static bool TryParse(string? text, out ForgeWeightType type)
    {
        var normalized = text?.Trim().Replace('-', '_');
        foreach (var candidate in All)
        {
            if (string.Equals(Name(candidate), normalized, StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }
        type = default;
        return false;
    }

    public static ForgeWeightType Parse(string? text) =>
        TryParse(text, out var type)
            ? type
            : throw new ForgeSpecException(nameof(ForgeSpec.WeightType), $"Unknown weight type '{text}': use one of {AllowedNames}.");

    /// <summary>The general.file_type number llama.cpp writes for this mix.</summary>
    public static int FileType(ForgeWeightType type) => type switch
    {
        ForgeWeightType.F16 => LlamaFileType.MostlyF16,
        ForgeWeightType.Q8_0 => LlamaFileType.MostlyQ8_0,
        ForgeWeightType.Q4_0 => LlamaFileType.MostlyQ4_0,
        _ => LlamaFileType.MostlyQ4_K_M,
    };
}
