using System.Globalization;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Workloads.Datasets;

namespace BenchCluster.Measurement.Workloads.Conversations;

/// <summary>
/// The conversations of a run, drawn from the workload: conversation i depends only on (seed, i). Without
/// <c>conversation:</c> every conversation has one turn (shared-prefix workloads), and its id is its user's.
/// With <c>shared_prefix:</c> all conversations start with one system prompt of exactly N tokens (the same for every user),
/// and each user message is prompt_tokens − N long, so a first turn's prompt has prompt_tokens tokens in all.
/// With a dataset's conversations (JSONL conversation_id), conversation i is the one (seed, i) picks, with its own
/// turns and messages; each turn's max_tokens is its line's output_tokens, else drawn from output_tokens.
/// </summary>
public sealed class ConversationSource
{
    /// <summary>The shared system prompt's seed: the same for every run of the suite, so every user and run shares it.</summary>
    private const int SystemPromptSeed = 0x5EED;

    private readonly WorkloadSpec _workload;
    private readonly int _seed;
    private readonly PromptFactory _prompts;
    private readonly PlannedPrompt? _systemPrompt;
    private readonly IReadOnlyList<DatasetConversation>? _dataset;

    public ConversationSource(WorkloadSpec workload, int seed, PromptFactory prompts, IReadOnlyList<DatasetConversation>? dataset = null)
    {
        if (dataset is { Count: 0 })
            throw new ArgumentException("A dataset source needs at least one conversation.", nameof(dataset));
        _workload = workload;
        _seed = seed;
        _prompts = prompts;
        _dataset = dataset;
        if (workload.SharedPrefix is { } prefix)
            _systemPrompt = prompts.Build(prefix.Tokens, new Random(SystemPromptSeed), "system");
    }

    /// <summary>Turns per conversation on average: how an open loop's conversation rate becomes a request rate.</summary>
    public double MeanTurns => _dataset is not null ? _dataset.Average(c => c.Turns.Count)
        : _workload.Conversation is { Turns: var t }
        ? Math.Max(1, t.Kind == DistributionKind.Uniform ? (t.Min + (double)t.Max) / 2 : Math.Clamp(t.Mean, t.Min, t.Max))
        : 1;

    public ConversationScript Get(int index)
    {
        var random = new Random(IndexSeed(index));
        var conversation = _workload.Conversation;
        if (_dataset is not null)
            return FromDataset(index, random);
        var turnCount = conversation?.Turns.Sample(random) ?? 1;
        var prefixTokens = _workload.SharedPrefix?.Tokens ?? 0;
        var turns = new List<ConversationTurn>(turnCount);
        for (var t = 0; t < turnCount; t++)
        {
            var userTokens = Math.Max(1, _workload.PromptTokens.Sample(random) - prefixTokens);
            var output = _workload.OutputTokens.Sample(random);
            var think = t == 0 ? 0 : conversation?.ThinkTimeMs?.Sample(random) ?? 0;
            var tag = string.Create(CultureInfo.InvariantCulture, $"{_seed:x8}-{index}-{t}");
            turns.Add(new ConversationTurn(t, _prompts.Build(userTokens, random, tag), output, think));
        }
        return new ConversationScript(Id(index), _systemPrompt, turns, conversation is not null);
    }

    /// <summary>The dataset conversation (seed, index) picks; the id stays the index's, as one may be drawn twice at once.</summary>
    private ConversationScript FromDataset(int index, Random random)
    {
        var drawn = _dataset![random.Next(_dataset.Count)];
        var turns = new List<ConversationTurn>(drawn.Turns.Count);
        for (var t = 0; t < drawn.Turns.Count; t++)
        {
            var turn = drawn.Turns[t];
            var output = turn.OutputTokens ?? _workload.OutputTokens.Sample(random);
            var think = t == 0 ? 0 : _workload.Conversation?.ThinkTimeMs?.Sample(random) ?? 0;
            turns.Add(new ConversationTurn(t, turn.Prompt, output, think));
        }
        return new ConversationScript(Id(index), _systemPrompt, turns, MultiTurn: true);
    }

    /// <summary>
    /// Conversations are c{seed}-{index}, so warm-up and stages never share one; single-turn shared-prefix requests
    /// belong to users u0 .. u(U−1) in turn, the same users in every stage.
    /// </summary>
    private string Id(int index) => _workload.Conversation is not null || _workload.SharedPrefix is not { } prefix
        ? string.Create(CultureInfo.InvariantCulture, $"c{_seed:x8}-{index}")
        : string.Create(CultureInfo.InvariantCulture, $"u{index % prefix.Users}");

    private int IndexSeed(int index) =>
        (int)((unchecked(((uint)_seed * 0x9E3779B1u) ^ ((uint)index * 0xC2B2AE35u)) >> 1) & int.MaxValue);
}
