using BenchCluster.Engine.Inference;

namespace BenchCluster.Engine.Completions.InProcess;

/// <summary>
/// One sequence of the shared context (llama-server's slot): the request it serves, where it stands, and the tokens
/// its KV cells hold, which a finished request leaves behind for the next one to reuse. Decode thread only.
/// </summary>
internal sealed class DecodeSlot(int id, int contextTokens) : IDisposable
{
    /// <summary>The llama.cpp sequence id this slot decodes into.</summary>
    public int Id { get; } = id;

    public PendingRequest? Request { get; private set; }

    public bool IsFree => Request is null;

    /// <summary>Next KV position of the sequence; advanced when a token is put in the batch.</summary>
    public int Position { get; set; }

    /// <summary>Prompt tokens put in batches so far (reused ones included).</summary>
    public int PromptDone { get; set; }

    public bool IsPrompting => Request is { } r && PromptDone < r.Prompt.Length;

    /// <summary>Batch index whose logits choose this slot's next token after the current decode; -1 when none.</summary>
    public int OutputIndex { get; set; } = -1;

    /// <summary>Tokens generated so far.</summary>
    public int Produced { get; set; }

    /// <summary>Reasoning tokens the request may still generate before its think span is closed; -1 outside one (see <see cref="ReasoningBudget"/>).</summary>
    public int ReasoningLeft { get; set; } = -1;

    /// <summary>The last generated token: the slot's input in the next step.</summary>
    public int LastToken { get; set; }

    /// <summary>While idle: how many leading tokens of the last request the KV cells still hold (0 = empty).</summary>
    public int HeldCount { get; private set; }

    /// <summary>The cache key of the request served last; a request with the same key prefers this slot.</summary>
    public string? HeldKey { get; private set; }

    /// <summary>When the slot was last assigned (the loop's admission counter): the least recently used is evicted first.</summary>
    public long LastUsed { get; private set; }

    // The token at each KV position, written as tokens enter a batch; sized once, so the hot loop never allocates.
    private readonly int[] _held = new int[contextTokens];

    private TokenChooser? _chooser;

    public TokenChooser Chooser => _chooser ?? throw new InvalidOperationException($"Slot {Id} serves no request.");

    /// <summary>Puts the input token of position <see cref="Position"/> in the slot's record and advances.</summary>
    public int Advance(int token)
    {
        var position = Position++;
        if (position < _held.Length)
            _held[position] = token;
        return position;
    }

    /// <summary>Leading tokens of <paramref name="prompt"/> the slot's KV cells already hold.</summary>
    public int CommonPrefix(int[] prompt)
    {
        var limit = Math.Min(HeldCount, prompt.Length);
        var n = 0;
        while (n < limit && _held[n] == prompt[n])
            n++;
        return n;
    }

    /// <summary>
    /// Serves <paramref name="request"/> from position <paramref name="reused"/>: the caller already cut the KV cells
    /// after it, so only the prompt's rest is decoded.
    /// </summary>
    public void Assign(PendingRequest request, int vocabularySize, int reused, long admission)
    {
        Request = request;
        _chooser = new TokenChooser(request.Sampling, request.Sampling.Seed, vocabularySize);
        Position = reused;
        PromptDone = reused;
        Produced = 0;
        ReasoningLeft = -1;
        OutputIndex = -1;
        HeldCount = 0;
        HeldKey = request.CacheKey;
        LastUsed = admission;
    }

    /// <summary>
    /// Forgets the request and returns it. <paramref name="keep"/>: the KV cells stay (the caller did not free them)
    /// and their tokens are remembered for the next request; else the caller freed them.
    /// </summary>
    public PendingRequest Clear(bool keep)
    {
        var request = Request ?? throw new InvalidOperationException($"Slot {Id} serves no request.");
        _chooser?.Dispose();
        _chooser = null;
        Request = null;
        OutputIndex = -1;
        HeldCount = keep ? Math.Min(Position, _held.Length) : 0;
        if (!keep)
            HeldKey = null;
        return request;
    }

    /// <summary>The caller freed the idle slot's KV cells after <paramref name="count"/> tokens.</summary>
    public void Truncate(int count) => HeldCount = Math.Min(HeldCount, count);

    public void Dispose() => _chooser?.Dispose();
}
