using BenchCluster.Engine.Inference;
using BenchCluster.Testing;

namespace BenchCluster.Engine.Tests.Inference;

/// <summary>Logits over a window through llama_get_logits_ith: the rows asked for, in place, causal, without allocation.</summary>
[Collection(TinyModelCollection.Name)]
public sealed class ScoringTests(TinyModelFixture model)
{
    private sealed class RecordingSink : ILogitsSink
    {
        public List<int> Positions { get; } = [];
        public Dictionary<int, float[]> Rows { get; } = [];
        public long FirstRowAllocated { get; private set; }
        public long LastRowAllocated { get; private set; }
        public bool Copy { get; init; } = true;

        public void Accept(int position, ReadOnlySpan<float> logits)
        {
            LastRowAllocated = GC.GetAllocatedBytesForCurrentThread();
            if (Positions.Count == 0)
                FirstRowAllocated = LastRowAllocated;
            Positions.Add(position);
            if (Copy)
                Rows[position] = logits.ToArray();
        }
    }

    private static int[] Window(int count, int vocabulary) => Enumerable.Range(0, count).Select(i => (i * 7919 + 13) % vocabulary).ToArray();

    private async Task<LlamaSession> OpenAsync() => (LlamaSession)await model.OpenAsync();

    [Fact]
    public async Task Rows_come_for_every_position_from_the_first_scored_on_with_one_logit_per_vocabulary_entry()
    {
        await using var session = await OpenAsync();
        var sink = new RecordingSink();

        await session.ScoreAsync(Window(150, session.VocabularySize), 100, sink);

        Assert.Equal(Enumerable.Range(100, 50), sink.Positions);
        Assert.All(sink.Rows.Values, row => Assert.Equal(model.Backend.Model.VocabularySize, row.Length));
        Assert.All(sink.Rows.Values, row => Assert.All(row, value => Assert.True(float.IsFinite(value))));
    }

    [Fact]
    public async Task A_row_depends_only_on_the_tokens_before_it_and_the_cache_is_emptied_between_windows()
    {
        await using var session = await OpenAsync();
        var tokens = Window(150, session.VocabularySize);
        var longer = new RecordingSink();
        var shorter = new RecordingSink();
        var changedTail = tokens.ToArray();
        changedTail[^1] = (changedTail[^1] + 1) % session.VocabularySize;
        var again = new RecordingSink();

        await session.ScoreAsync(tokens, 40, longer);
        await session.ScoreAsync(tokens[..60], 40, shorter);
        await session.ScoreAsync(changedTail, 40, again);

        for (var p = 40; p < 60; p++)
            Assert.Equal(longer.Rows[p], shorter.Rows[p], (a, b) => Math.Abs(a - b) < 1e-3f);
        Assert.Equal(longer.Rows[148], again.Rows[148]); // same prefix, fresh cache: identical
        Assert.NotEqual(longer.Rows[149], again.Rows[149]);
    }

    [Fact]
    public async Task Rows_are_handed_over_without_allocating_on_the_decode_thread()
    {
        await using var session = await OpenAsync();
        var sink = new RecordingSink { Copy = false };
        await session.ScoreAsync(Window(200, session.VocabularySize), 1, sink); // warm: first-call JIT and lazy init

        sink.Positions.Clear();
        sink.Positions.Capacity = 256;
        await session.ScoreAsync(Window(200, session.VocabularySize), 1, sink);

        Assert.Equal(199, sink.Positions.Count); // four decodes of up to 64 tokens
        Assert.Equal(0, sink.LastRowAllocated - sink.FirstRowAllocated);
    }

    [Fact]
    public async Task A_window_longer_than_the_context_or_a_first_position_outside_it_is_refused()
    {
        await using var session = await OpenAsync();
        var sink = new RecordingSink();

        var tooLong = await Assert.ThrowsAsync<InferenceException>(() => session.ScoreAsync(Window(300, session.VocabularySize), 10, sink));
        var outside = await Assert.ThrowsAsync<InferenceException>(() => session.ScoreAsync(Window(20, session.VocabularySize), 20, sink));

        Assert.Contains("300 tokens", tooLong.Message);
        Assert.Contains("ContextSize", tooLong.Message);
        Assert.Contains("0 to 19", outside.Message);
        Assert.Empty(sink.Positions);
        await model.AssertStillServesAsync();
    }

    [Fact]
    public async Task Forges_of_one_preset_share_a_vocabulary_identity_whatever_their_seed()
    {
        await using var session = await OpenAsync();
        await using var other = await LlamaBackend.LoadAsync(TestModels.Get("tiny", "f16", seed: 1));
        await using var otherSession = (LlamaSession)await other.CreateSessionAsync(TinyModelFixture.SmallSession);

        var identity = await session.DescribeVocabularyAsync();
        var otherIdentity = await otherSession.DescribeVocabularyAsync();

        Assert.Equal(identity, otherIdentity);
        Assert.Equal("qwen2", identity.Architecture);
        Assert.Equal("gpt2", identity.TokenizerModel);
        Assert.Equal(session.VocabularySize, identity.Size);
        Assert.Null(identity.Difference(otherIdentity));
        Assert.Contains("architecture", identity.Difference(identity with { Architecture = "llama" }));
    }
}
