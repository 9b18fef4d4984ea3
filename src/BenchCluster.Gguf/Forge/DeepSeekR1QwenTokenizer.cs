using BenchCluster.Gguf.Format;

namespace BenchCluster.Gguf.Forge;

/// <summary>
/// The DeepSeek-R1 Qwen distills' tokenizer: Qwen2's byte-level BPE (same merges, same pre-tokenizer rules; llama.cpp
/// names it "deepseek-r1-qwen") with the distills' own added tokens from id 151643 on, their BOS/EOS and their chat
/// format. Built over the Qwen2 vocabulary file, so the distills tokenize text and their turn markers as the real
/// models do. Token types follow llama.cpp's converter: &lt;|…|&gt; and &lt;｜…｜&gt; tokens are control tokens, the others
/// (&lt;think&gt;, &lt;/think&gt;, &lt;tool_call&gt;) user-defined, so they are matched in plain text too.
/// </summary>
internal static class DeepSeekR1QwenTokenizer
{
    public const string Name = "deepseek-r1-qwen";
    public const string BaseVocabulary = "qwen2";
    public const int FirstAddedToken = 151_643;
    public const uint BeginOfSentence = 151_646;
    public const uint EndOfSentence = 151_643;
    private const int ControlType = 3;
    private const int UserDefinedType = 4;

    /// <summary>The added tokens in id order from <see cref="FirstAddedToken"/>.</summary>
    public static IReadOnlyList<string> AddedTokens { get; } =
    [
        "<｜end▁of▁sentence｜>", "<｜User｜>", "<｜Assistant｜>", "<｜begin▁of▁sentence｜>", "<|EOT|>", "<think>", "</think>",
        "<|quad_start|>", "<|quad_end|>", "<|vision_start|>", "<|vision_end|>", "<|vision_pad|>", "<|image_pad|>", "<|video_pad|>",
        "<tool_call>", "</tool_call>", "<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>", "<|fim_pad|>", "<|repo_name|>", "<|file_sep|>",
    ];

    /// <summary>
    /// The distills' chat format for system, user and assistant turns, written for BenchCluster: the system prompts
    /// first after BOS, "&lt;｜User｜&gt;" and "&lt;｜Assistant｜&gt;…&lt;｜end▁of▁sentence｜&gt;" turns (an earlier answer keeps only
    /// what follows its &lt;/think&gt;, spelled content.split('&lt;/think&gt;') as in the published template, which is how
    /// llama-server recognises it as a reasoning template), and a generation prompt that opens the think span, as the
    /// published template does. Tool calls are not rendered.
    /// </summary>
    public const string ChatTemplate =
        "{%- set sys = namespace(text='') -%}"
        + "{%- for m in messages if m['role'] == 'system' -%}{%- set sys.text = sys.text + m['content'] -%}{%- endfor -%}"
        + "{{- bos_token + sys.text -}}"
        + "{%- for m in messages -%}"
        + "{%- if m['role'] == 'user' -%}{{- '<｜User｜>' + m['content'] -}}"
        + "{%- elif m['role'] == 'assistant' -%}{%- set content = m['content'] -%}"
        + "{{- '<｜Assistant｜>' + content.split('</think>')[-1] + '<｜end▁of▁sentence｜>' -}}"
        + "{%- endif -%}"
        + "{%- endfor -%}"
        + "{%- if add_generation_prompt -%}{{- '<｜Assistant｜><think>\\n' -}}{%- endif -%}";

    public static int TypeOf(string token) =>
        (token.StartsWith("<|", StringComparison.Ordinal) && token.EndsWith("|>", StringComparison.Ordinal))
        || (token.StartsWith("<｜", StringComparison.Ordinal) && token.EndsWith("｜>", StringComparison.Ordinal))
            ? ControlType
            : UserDefinedType;

    /// <summary>The Qwen2 vocabulary's tokenizer keys turned into the distills'.</summary>
    public static IReadOnlyList<GgufMetadataEntry> Apply(IReadOnlyList<GgufMetadataEntry> qwen2)
    {
        var replaced = new Dictionary<string, GgufValue>(StringComparer.Ordinal)
        {
            ["tokenizer.ggml.pre"] = GgufValue.Of(Name),
            ["tokenizer.ggml.bos_token_id"] = GgufValue.Of(BeginOfSentence),
            ["tokenizer.ggml.eos_token_id"] = GgufValue.Of(EndOfSentence),
            ["tokenizer.ggml.padding_token_id"] = GgufValue.Of(EndOfSentence),
            ["tokenizer.ggml.add_bos_token"] = GgufValue.Of(true),
            ["tokenizer.ggml.add_eos_token"] = GgufValue.Of(false),
            ["tokenizer.chat_template"] = GgufValue.Of(ChatTemplate),
        };
        var result = new List<GgufMetadataEntry>(qwen2.Count + replaced.Count);
        foreach (var entry in qwen2)
        {
            if (replaced.Remove(entry.Key, out var value))
                result.Add(new GgufMetadataEntry(entry.Key, value));
            else if (entry.Value.Raw is string[] tokens && entry.Key == ForgeVocabulary.TokensKey)
                result.Add(new GgufMetadataEntry(entry.Key, GgufValue.OfArray(Overlay(tokens, i => AddedTokens[i]))));
            else if (entry.Value.Raw is int[] types && entry.Key == ForgeVocabulary.TokenTypesKey)
                result.Add(new GgufMetadataEntry(entry.Key, GgufValue.OfArray(Overlay(types, i => TypeOf(AddedTokens[i])))));
            else
                result.Add(entry);
        }
        result.AddRange(replaced.Select(r => new GgufMetadataEntry(r.Key, r.Value)));
        return result;
    }

    private static T[] Overlay<T>(T[] values, Func<int, T> added)
    {
        if (values.Length < FirstAddedToken + AddedTokens.Count)
            throw new ForgeSpecException(nameof(ForgeSpec.Tokenizer),
                $"The '{BaseVocabulary}' vocabulary has {values.Length} tokens, too few for the {Name} tokens at ids {FirstAddedToken}–{FirstAddedToken + AddedTokens.Count - 1}; reinstall it with {Runtimes.RuntimesDirectory.InstallCommand}.");
        var copy = (T[])values.Clone();
        for (var i = 0; i < AddedTokens.Count; i++)
            copy[FirstAddedToken + i] = added(i);
        return copy;
    }
}
