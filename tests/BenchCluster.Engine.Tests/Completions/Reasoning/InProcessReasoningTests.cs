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

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public async Task A_reasoning_budget_closes_the_think_span_after_that_many_tokens_and_the_answer_follows(int budget)
    {
        await using var model = await LlamaBackend.LoadAsync(TestModels.Get(ForgePresets.TinyR1, "f16"));
        await using var engine = await ContinuousBatchingBackend.CreateAsync(model, new ContinuousBatchingOptions
        {
            Slots = 2,
            Session = new SessionOptions { ContextSize = 512, BatchSize = 64, MicroBatchSize = 64, Threads = 1 },
            ReasoningBudgetTokens = budget,
        });
        var prompt = engine.Tokenize("<｜User｜>Why?<｜Assistant｜><think>\n", addSpecial: true);

        var requests = Enumerable.Range(0, 3).Select(_ => CompletionStreams.ReadAllAsync(engine, CompletionStreams.Tokens(prompt, maxTokens: 12)));
        foreach (var chunks in await Task.WhenAll(requests))
        {
            var tokens = chunks.Where(c => c.TokenCount > 0).ToList();
            Assert.Equal(12, tokens.Sum(c => c.TokenCount));
            // budget tokens of reasoning, then the closing marker (counted as reasoning, as llama-server strips it), then answer
            Assert.Equal(budget + 1, tokens.Sum(c => c.ReasoningTokenCount));
            Assert.All(tokens.Take(budget + 1), c => Assert.Equal(c.TokenCount, c.ReasoningTokenCount));
            Assert.All(tokens.Skip(budget + 1), c => Assert.Equal(0, c.ReasoningTokenCount));
        }
    }

    [Fact]
    public async Task A_reasoning_budget_for_a_model_without_single_token_think_markers_is_refused_naming_the_markers()
    {
        await using var model = await LlamaBackend.LoadAsync(TestModels.Get("tiny", "f16"));

        var error = await Assert.ThrowsAsync<InferenceException>(() => ContinuousBatchingBackend.CreateAsync(model, new ContinuousBatchingOptions
        {
            Slots = 1,
            Session = new SessionOptions { ContextSize = 256, Threads = 1 },
            ReasoningBudgetTokens = 8,
        }));

        Assert.Contains("<think> and </think> as single tokens", error.Message, StringComparison.Ordinal);
    }
}
