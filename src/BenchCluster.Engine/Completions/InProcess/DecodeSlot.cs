using BenchCluster.Engine.Inference;

namespace BenchCluster.Engine.Completions.InProcess;

/// <summary>One sequence of the shared context (llama-server's slot): the request it serves and where it stands. Decode thread only.</summary>
internal sealed class DecodeSlot(int id) : IDisposable
{
    /// <summary>The llama.cpp sequence id this slot decodes into.</summary>
    public int Id { get; } = id;

    public PendingRequest? Request { get; private set; }

    public bool IsFree => Request is null;

    /// <summary>Next KV position of the sequence; advanced when a token is put in the batch.</summary>
    public int Position { get; set; }

    /// <summary>Prompt tokens put in batches so far.</summary>
    public int PromptDone { get; set; }

    public bool IsPrompting => Request is { } r && PromptDone < r.Prompt.Length;

    /// <summary>Batch index whose logits choose this slot's next token after the current decode; -1 when none.</summary>
    public int OutputIndex { get; set; } = -1;

    /// <summary>Tokens generated so far.</summary>
    public int Produced { get; set; }

    /// <summary>The last generated token: the slot's input in the next step.</summary>
    public int LastToken { get; set; }

    private TokenChooser? _chooser;

    public TokenChooser Chooser => _chooser ?? throw new InvalidOperationException($"Slot {Id} serves no request.");

    public void Assign(PendingRequest request, int vocabularySize)
    {
        Request = request;
        _chooser = new TokenChooser(request.Sampling, request.Sampling.Seed, vocabularySize);
        Position = 0;
        PromptDone = 0;
        Produced = 0;
        OutputIndex = -1;
    }

    /// <summary>Forgets the request (the caller frees the sequence's KV cells) and returns it.</summary>
    public PendingRequest Clear()
    {
        var request = Request ?? throw new InvalidOperationException($"Slot {Id} serves no request.");
        _chooser?.Dispose();
        _chooser = null;
        Request = null;
        OutputIndex = -1;
        return request;
    }

    public void Dispose() => _chooser?.Dispose();
}
