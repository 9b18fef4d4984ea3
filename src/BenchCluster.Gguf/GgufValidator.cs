using BenchCluster.Gguf.Format;
using BenchCluster.Gguf.Validation;

namespace BenchCluster.Gguf;

/// <summary>
/// Everything <see cref="GgufReader"/> checks, plus what llama.cpp's loader would otherwise abort the process on or
/// fail on late: a supported architecture, the hyperparameters every model needs within llama.cpp's limits, tensors
/// consistent with them, and a tokenizer whose lists agree. Call before any native load.
/// </summary>
public static class GgufValidator
{
    /// <summary>llama.cpp's LLAMA_MAX_LAYERS: a larger block_count trips a GGML_ASSERT that kills the process.</summary>
    public const int MaxBlockCount = 512;

    /// <summary>llama.cpp's LLAMA_MAX_EXPERTS.</summary>
    public const int MaxExpertCount = 1024;

    private const long MaxEmbeddingLength = 1 << 20;
    private const string BlockPrefix = "blk.";

    public static GgufFile ValidateForInference(string path, GgufReadLimits? limits = null)
    {
        var file = GgufReader.Read(path, limits);
        Validate(file);
        return file;
    }

    /// <summary>The semantic checks alone, for a file already read.</summary>
    public static void Validate(GgufFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var architecture = CheckArchitecture(file);
        var blockCount = RequireInteger(file, $"{architecture}.block_count", 1, MaxBlockCount);
        var embedding = RequireInteger(file, $"{architecture}.embedding_length", 1, MaxEmbeddingLength);
        RequireInteger(file, $"{architecture}.context_length", 1, uint.MaxValue);
        CheckExperts(file, architecture);
        CheckHeads(file, architecture);
        if (file.Tensors.Count == 0)
            throw Fail(file, GgufProblem.InconsistentModel, "it has no tensors (a vocabulary-only file?)");
        CheckBlocks(file, blockCount);
        GgufTokenizerCheck.Check(file, embedding);
    }

    private static string CheckArchitecture(GgufFile file)
    {
        var value = file.Find(GgufConstants.ArchitectureKey)
            ?? throw Fail(file, GgufProblem.MissingMetadata, $"it has no '{GgufConstants.ArchitectureKey}' key");
        var architecture = value.AsString()
            ?? throw Fail(file, GgufProblem.InvalidMetadata, $"'{GgufConstants.ArchitectureKey}' is a {value.Type}, not a string");
        if (architecture == "clip")
            throw Fail(file, GgufProblem.UnsupportedArchitecture,
                "it is a multimodal projector ('clip'), not a language model", "Pass the language model's GGUF; the mmproj file goes alongside it.");
        if (!SupportedArchitectures.Contains(architecture))
            throw Fail(file, GgufProblem.UnsupportedArchitecture,
                $"architecture '{architecture}' is not one the pinned llama.cpp can generate text with (supported: {string.Join(", ", SupportedArchitectures.All.Order(StringComparer.Ordinal))})",
                "Use a model of a supported architecture, or a BenchCluster built on a newer llama.cpp.");
        return architecture;
    }

    private static void CheckExperts(GgufFile file, string architecture)
    {
        var experts = OptionalInteger(file, $"{architecture}.expert_count", 0, MaxExpertCount) ?? 0;
        var used = OptionalInteger(file, $"{architecture}.expert_used_count", 0, MaxExpertCount) ?? 0;
        if (used > experts)
            throw Fail(file, GgufProblem.InconsistentModel, $"'{architecture}.expert_used_count' is {used} but the model has {experts} experts");
    }

    private static void CheckHeads(GgufFile file, string architecture)
    {
        // Per-layer head counts come as arrays in some architectures; only scalar counts can be checked against each other.
        var heads = OptionalInteger(file, $"{architecture}.attention.head_count", 0, MaxEmbeddingLength);
        var kvHeads = OptionalInteger(file, $"{architecture}.attention.head_count_kv", 0, MaxEmbeddingLength);
        if (heads is > 0 && kvHeads is > 0 && (kvHeads > heads || heads % kvHeads != 0))
            throw Fail(file, GgufProblem.InconsistentModel,
                $"{heads} attention heads cannot be shared by {kvHeads} key/value heads (head_count must be a multiple of head_count_kv)");
    }

    private static void CheckBlocks(GgufFile file, long blockCount)
    {
        foreach (var tensor in file.Tensors)
        {
            if (!tensor.Name.StartsWith(BlockPrefix, StringComparison.Ordinal))
                continue;
            var end = tensor.Name.IndexOf('.', BlockPrefix.Length);
            if (end > BlockPrefix.Length && long.TryParse(tensor.Name.AsSpan(BlockPrefix.Length, end - BlockPrefix.Length), out var block) && block >= blockCount)
                throw Fail(file, GgufProblem.InconsistentModel,
                    $"tensor '{tensor.Name}' belongs to block {block}, but block_count says the model has {blockCount} blocks");
        }
    }

    private static long RequireInteger(GgufFile file, string key, long min, long max) =>
        OptionalInteger(file, key, min, max)
            ?? throw Fail(file, GgufProblem.MissingMetadata, $"the required key '{key}' is missing");

    private static long? OptionalInteger(GgufFile file, string key, long min, long max)
    {
        var value = file.Find(key);
        if (value is null || value.IsArray)
            return null;
        var number = value.AsInteger()
            ?? throw Fail(file, GgufProblem.InvalidMetadata, $"'{key}' is a {value.Type}, not an integer");
        if (number < min || number > max)
            throw Fail(file, GgufProblem.InvalidMetadata, $"'{key}' is {number}, outside the range {min}..{max} llama.cpp accepts");
        return number;
    }

    internal static GgufFormatException Fail(GgufFile file, GgufProblem problem, string detail, string? fix = null) =>
        new(file.Path, problem, detail, fix: fix);
}
