using BenchCluster.Gguf.Forge;
using BenchCluster.Testing;

namespace BenchCluster.Gguf.Tests.Forge;

/// <summary>
/// The R1 distill presets carry the distills' tokenizer and template, not Qwen2's. The facts, from the published
/// DeepSeek-R1-Distill-Qwen tokenizer and generation configs and llama.cpp's converter (checked 2026-12-06): added
/// tokens from id 151643, BOS 151646 (&lt;｜begin▁of▁sentence｜&gt;), EOS and padding 151643, BOS added, pre-tokenizer
/// "deepseek-r1-qwen", and a generation prompt of "&lt;｜Assistant｜&gt;&lt;think&gt;\n".
/// </summary>
public sealed class DeepSeekR1TokenizerTests
{
    private static readonly (int Id, string Text, int Type)[] Facts =
    [
        (151_643, "<｜end▁of▁sentence｜>", 3),
        (151_644, "<｜User｜>", 3),
        (151_645, "<｜Assistant｜>", 3),
        (151_646, "<｜begin▁of▁sentence｜>", 3),
        (151_647, "<|EOT|>", 3),
        (151_648, "<think>", 4),
        (151_649, "</think>", 4),
        (151_657, "<tool_call>", 4),
        (151_664, "<|file_sep|>", 3),
    ];

    [Fact]
    public void The_forged_distill_has_the_distills_special_tokens_ids_and_chat_template()
    {
        var file = GgufReader.Read(TestModels.Get(ForgePresets.TinyR1, "f16"));
        var meta = file.Metadata.ToDictionary(e => e.Key, e => e.Value);

        var tokens = (string[])meta["tokenizer.ggml.tokens"].Raw!;
        var types = (int[])meta["tokenizer.ggml.token_type"].Raw!;
        Assert.Equal(151_936, tokens.Length);
        foreach (var (id, text, type) in Facts)
            Assert.Equal((id, text, type), (id, tokens[id], types[id]));
        Assert.Equal("Ċ", tokens[198]); // Qwen2's byte-level BPE below the added tokens is untouched
        Assert.Equal("deepseek-r1-qwen", meta["tokenizer.ggml.pre"].AsString());
        Assert.Equal((151_646u, 151_643u, 151_643u), ((uint)meta["tokenizer.ggml.bos_token_id"].Raw!, (uint)meta["tokenizer.ggml.eos_token_id"].Raw!, (uint)meta["tokenizer.ggml.padding_token_id"].Raw!));
        Assert.True((bool)meta["tokenizer.ggml.add_bos_token"].Raw!);
        var template = meta["tokenizer.chat_template"].AsString()!;
        // llama.cpp recognises the DeepSeek family by these markers; the answer opens a think span.
        Assert.Contains("<｜User｜>", template, StringComparison.Ordinal);
        Assert.Contains("<｜end▁of▁sentence｜>", template, StringComparison.Ordinal);
        Assert.Contains("'<｜Assistant｜><think>\\n'", template, StringComparison.Ordinal);
        // llama-server extracts reasoning for templates that drop an earlier answer's thinking this way.
        Assert.Contains("content.split('</think>')", template, StringComparison.Ordinal);
        Assert.DoesNotContain("<|im_start|>", template, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_distill_presets_use_the_distill_tokenizer_and_the_qwen_presets_keep_qwen2s()
    {
        Assert.Equal("deepseek-r1-qwen", ForgePresets.Get("deepseek-r1-distill-qwen-1.5b").Tokenizer);
        Assert.Equal("deepseek-r1-qwen", ForgePresets.Get("deepseek-r1-distill-qwen-7b").Tokenizer);
        Assert.Equal("qwen2", ForgePresets.Get("qwen2.5-1.5b").Tokenizer);
    }
}
