using BenchCluster.Engine.Completions;
using BenchCluster.Engine.Completions.InProcess;
using BenchCluster.Engine.Inference;
using BenchCluster.Engine.Tests.Inference;
using static BenchCluster.Engine.Tests.Completions.CompletionStreams;

namespace BenchCluster.Engine.Tests.Completions;

/// <summary>
/// Prompt caching in the batcher: a conversation's next turn reuses its slot's KV cells for the prefix it shares,
/// decodes only the rest, reports the reused count, and generates exactly what a cold slot generates.
/// </summary>
[Collection(TinyModelCollection.Name)]
public sealed class PromptCacheTests(TinyModelFixture model)
{
    private const string FirstTurn = "In a hole in the ground there lived a hobbit.";
    private const string SecondTurn = " Not a nasty, dirty, wet hole, filled with the ends of worms.";
    private const int AnswerTokens = 16;

    [Fact]
    public async Task A_second_turn_reuses_the_first_turns_prompt_and_answer_and_generates_the_same_greedy_tokens()
    {
        await using var session = await model.OpenAsync(TinyModelFixture.SmallSession with { Threads = 1 });
        var first = await session.TokenizeAsync(FirstTurn, addSpecial: true);
        var answer = (await session.GenerateAsync(new GenerationRequest { PromptTokens = first, TokenCount = AnswerTokens, Sampling = SamplingOptions.Greedy })).Tokens;
        int[] second = [.. first, .. answer, .. await session.TokenizeAsync(SecondTurn, addSpecial: false)];

        var (cachedTurn, cachedDecoded) = await TwoTurnsAsync(first, second, cachePrompts: true);
        var (coldTurn, coldDecoded) = await TwoTurnsAsync(first, second, cachePrompts: false);

        // The answer's last token was never fed back, so the slot holds the first prompt and all answer tokens but one.
        var expectedReuse = first.Length + AnswerTokens - 1;
        Assert.Equal(expectedReuse, cachedTurn[^1].CachedPromptTokens);
        Assert.Equal(0, coldTurn[^1].CachedPromptTokens);
        Assert.Equal(second.Length, cachedTurn[^1].PromptTokens);
        Assert.False(string.IsNullOrEmpty(Text(coldTurn)));
        Assert.Equal(Text(coldTurn), Text(cachedTurn));
        Assert.Equal(second.Length - expectedReuse, cachedDecoded);
        Assert.Equal(second.Length, coldDecoded);
    }

    [Fact]
    public async Task A_shared_system_prompt_is_found_in_whichever_idle_slot_holds_it()
    {
        await using var backend = await OpenAsync(model, slots: 2);
        var prefix = backend.Tokenize(FirstTurn + SecondTurn, addSpecial: true);
        int[] userA = [.. prefix, .. backend.Tokenize(" Alice asks.", addSpecial: false)];
        int[] userB = [.. prefix, .. backend.Tokenize(" Bob wonders why.", addSpecial: false)];

        // The unrelated request goes first, so the slot holding the prefix is the more recently used one: least-recently-used
        // choice alone would pick the other slot.
        await ReadAllAsync(backend, Tokens(backend.Tokenize(" Bob wonders why.", addSpecial: true), 4) with { CacheKey = "other" });
        var a = await ReadAllAsync(backend, Tokens(userA, 4, SamplingOptions.Greedy) with { CacheKey = "a" });
        var b = await ReadAllAsync(backend, Tokens(userB, 4, SamplingOptions.Greedy) with { CacheKey = "b" });
        var bAgain = await ReadAllAsync(backend, Tokens(userB, 4, SamplingOptions.Greedy) with { CacheKey = "b" });

        Assert.Equal(0, a[^1].CachedPromptTokens);
        Assert.True(prefix.Length > 10);
        Assert.True(CommonPrefix(userA, userB) >= prefix.Length);
        Assert.Equal(CommonPrefix(userA, userB), b[^1].CachedPromptTokens);
        // The same prompt again: everything but the last token (whose logits choose the first output) is reused.
        Assert.Equal(userB.Length - 1, bAgain[^1].CachedPromptTokens);
        Assert.Equal(Text(b), Text(bAgain));
    }

    [Fact]
    public async Task A_cancelled_request_leaves_nothing_to_reuse()
    {
        await using var backend = await OpenAsync(model, slots: 1);
        var prompt = backend.Tokenize(FirstTurn, addSpecial: true);
        using (var cancel = new CancellationTokenSource())
        {
            await foreach (var _ in backend.StreamAsync(Tokens(prompt, 200), cancel.Token).WithCancellation(CancellationToken.None))
            {
                await cancel.CancelAsync();
                break;
            }
        }

        var after = await ReadAllAsync(backend, Tokens(prompt, 3, SamplingOptions.Greedy));

        Assert.Equal(0, after[^1].CachedPromptTokens);
        Assert.Equal(3, after.Count);
    }

    private async Task<(List<CompletionChunk> Second, long PromptTokensDecoded)> TwoTurnsAsync(int[] first, int[] second, bool cachePrompts)
    {
        await using var backend = await ContinuousBatchingBackend.CreateAsync(model.Backend, new ContinuousBatchingOptions
        {
            Slots = 1,
            Session = TinyModelFixture.SmallSession with { ContextSize = ContextPerSlot, Threads = 1 },
            CachePrompts = cachePrompts,
        });
        await ReadAllAsync(backend, Tokens(first, AnswerTokens, SamplingOptions.Greedy) with { CacheKey = "conversation" });
        var before = backend.PromptTokensDecoded;
        var chunks = await ReadAllAsync(backend, Tokens(second, AnswerTokens, SamplingOptions.Greedy) with { CacheKey = "conversation" });
        return (chunks, backend.PromptTokensDecoded - before);
    }

    private static int CommonPrefix(int[] a, int[] b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
            n++;
        return n;
    }
}
