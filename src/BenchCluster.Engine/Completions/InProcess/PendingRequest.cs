using System.Threading.Channels;
using BenchCluster.Engine.Inference;

namespace BenchCluster.Engine.Completions.InProcess;

/// <summary>
/// One accepted request between its caller and the decode loop: what to generate, the unbounded channel its tokens
/// go through (a slow reader never stalls the loop; the entries are structs, so the loop allocates nothing per token
/// beyond the channel's amortized segments), and its cancellation flag.
/// </summary>
internal sealed class PendingRequest
{
    private readonly Channel<GeneratedToken> _tokens = Channel.CreateUnbounded<GeneratedToken>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Action _onCancel;
    private int _cancelled;
    private int _ended;

    public PendingRequest(int[] prompt, int maxTokens, bool ignoreEos, SamplingOptions sampling, Action onCancel)
    {
        Prompt = prompt;
        MaxTokens = maxTokens;
        IgnoreEos = ignoreEos;
        Sampling = sampling;
        _onCancel = onCancel;
    }

    public int[] Prompt { get; }
    public int MaxTokens { get; }
    public bool IgnoreEos { get; }
    public SamplingOptions Sampling { get; }

    /// <summary>The conversation this request continues: the loop prefers the slot that served the key last.</summary>
    public string? CacheKey { get; init; }

    private int _cachedPromptTokens;

    /// <summary>Prompt tokens reused from the slot's KV cache; set by the decode thread before the first token is written.</summary>
    public int CachedPromptTokens
    {
        get => Volatile.Read(ref _cachedPromptTokens);
        set => Volatile.Write(ref _cachedPromptTokens, value);
    }

    public ChannelReader<GeneratedToken> Tokens => _tokens.Reader;

    /// <summary>Why the request ended without its final chunk, set before the channel completes.</summary>
    public Exception? Failure { get; private set; }

    public bool IsCancelled => Volatile.Read(ref _cancelled) != 0;

    public bool HasEnded => Volatile.Read(ref _ended) != 0;

    /// <summary>Asks the loop to drop the request (from any thread); its slot is freed at the start of the next step.</summary>
    public void Cancel()
    {
        if (Interlocked.Exchange(ref _cancelled, 1) == 0 && !HasEnded)
            _onCancel();
    }

    /// <summary>Decode thread: hands a token to the reader; never blocks (the channel is unbounded).</summary>
    public void Write(GeneratedToken token) => _tokens.Writer.TryWrite(token);

    /// <summary>Ends the stream, after its final token or with a failure; true the first time only.</summary>
    public bool End(Exception? failure = null)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
            return false;
        Failure = failure;
        _tokens.Writer.TryComplete();
        return true;
    }
}
