using BenchCluster.Engine.Completions.InProcess;
using BenchCluster.Engine.Inference;
using BenchCluster.Gguf.Forge;
using BenchCluster.Testing;

namespace BenchCluster.Engine.Tests.Completions.Reasoning;

/// <summary>The in-process engine on a model with the R1 distills' tokenizer: think markers by token id, reasoning counted.</summary>
public sealed class InProcessReasoningTests
{
    private const int UserToken = 151_644;
    private const int AssistantToken = 151_645;
    private const int ThinkToken = 151_648;
    private const int EndThinkToken = 151_649;

    [Fact]
    public async Task A_prompt_ending_in_the_r1_generation_prompt_makes_every_generated_token_reasoning()
    {
        await using var model = await LlamaBackend.LoadAsync(TestModels.Get(ForgePresets.TinyR1, "f16"));
        await using var engine = await ContinuousBatchingBackend.CreateAsync(model, new ContinuousBatchingOptions
        {
            Slots = 1,
            Session = new SessionOptions { ContextSize = 256, BatchSize = 64, MicroBatchSize = 64, Threads = 1 },
        });

        var prompt = engine.Tokenize("<｜User｜>Why?<｜Assistant｜><think>\n", addSpecial: true);
        // Random weights almost never choose </think>; a seed whose output has it would end the span (ThinkSpanTests).
        var thinking = await CompletionStreams.ReadAllAsync(engine, CompletionStreams.Tokens(prompt, maxTokens: 6));
        var plain = await CompletionStreams.ReadAllAsync(engine, CompletionStreams.Tokens(engine.Tokenize("Why?", addSpecial: true), maxTokens: 6));

        Assert.Contains(UserToken, prompt);
        Assert.Contains(AssistantToken, prompt);
        Assert.Contains(ThinkToken, prompt);
        Assert.Equal([EndThinkToken], engine.Tokenize("</think>", addSpecial: false));
        Assert.All(thinking, c => Assert.Equal(c.TokenCount, c.ReasoningTokenCount));
        Assert.Equal(6, thinking.Sum(c => c.ReasoningTokenCount));
        Assert.All(plain, c => Assert.Equal(0, c.ReasoningTokenCount));
    }
}
