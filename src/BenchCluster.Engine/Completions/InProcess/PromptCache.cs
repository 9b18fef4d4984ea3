using BenchCluster.Engine.Native;

namespace BenchCluster.Engine.Completions.InProcess;

/// <summary>
/// Prompt caching across requests, as llama-server's cache_prompt does: a finished request's KV cells stay in its slot,
/// a new request goes to the idle slot that already holds the longest part of its prompt (or its conversation's slot,
/// by cache key), and only the prompt after the common prefix is decoded. Decode thread only.
/// </summary>
internal sealed class PromptCache(nint memory, bool enabled)
{
    /// <summary>
    /// llama-server's default --slot-prompt-similarity: a slot is chosen for its cached prefix only when that prefix is
    /// more than this share of the new prompt; otherwise the least recently used slot is taken.
    /// </summary>
    public const double MinSimilarity = 0.1;

    private long _admissions;

    public bool Enabled => enabled;

    /// <summary>The idle slot for <paramref name="request"/>; null when every slot is busy.</summary>
    public DecodeSlot? Choose(DecodeSlot[] slots, PendingRequest request)
    {
        DecodeSlot? byKey = null, byPrefix = null, oldest = null;
        var bestPrefix = 0;
        foreach (var slot in slots)
        {
            if (!slot.IsFree)
                continue;
            if (enabled && request.CacheKey is { } key && slot.HeldKey == key && slot.HeldCount > 0)
                byKey ??= slot;
            var prefix = enabled ? slot.CommonPrefix(request.Prompt) : 0;
            // Among slots holding an equally long prefix (a shared system prompt) the least recently used goes, so a
            // conversation that just answered keeps its slot for its next turn.
            var better = prefix > bestPrefix || (prefix == bestPrefix && byPrefix is not null && IsOlder(slot, byPrefix));
            if (better && prefix > MinSimilarity * request.Prompt.Length)
            {
                bestPrefix = prefix;
                byPrefix = slot;
            }
            if (oldest is null || IsOlder(slot, oldest))
                oldest = slot;
        }
        return byKey ?? byPrefix ?? oldest;
    }

    /// <summary>
    /// Cuts the slot's KV cells after the prefix it shares with the prompt, gives it the request and returns the tokens
    /// reused. At least one prompt token is always decoded: its logits choose the first output token.
    /// </summary>
    public int Assign(DecodeSlot slot, PendingRequest request, int vocabularySize)
    {
        var keep = enabled ? Math.Min(slot.CommonPrefix(request.Prompt), request.Prompt.Length - 1) : 0;
        if (slot.HeldCount > keep && !LlamaNative.llama_memory_seq_rm(memory, slot.Id, keep, -1))
            keep = Clear(slot);
        // A sliding-window cache drops its oldest cells: a prefix whose start is gone cannot be reused.
        if (keep > 0 && LlamaNative.llama_memory_seq_pos_min(memory, slot.Id) > 0)
            keep = Clear(slot);
        slot.Truncate(keep);
        slot.Assign(request, vocabularySize, keep, ++_admissions);
        request.CachedPromptTokens = keep;
        return keep;
    }

    /// <summary>Whether a slot that ended its request normally keeps its KV cells for the next one.</summary>
    public bool Keeps(Exception? failure) => enabled && failure is null;

    private int Clear(DecodeSlot slot)
    {
        LlamaNative.llama_memory_seq_rm(memory, slot.Id, -1, -1);
        slot.Truncate(0);
        return 0;
    }

    /// <summary>Empty slots go first, then the least recently used (llama-server's LRU fallback).</summary>
    private static bool IsOlder(DecodeSlot slot, DecodeSlot than) =>
        (slot.HeldCount == 0) != (than.HeldCount == 0) ? slot.HeldCount == 0 : slot.LastUsed < than.LastUsed;
}
