namespace BenchCluster.Engine.Native;

/// <summary>
/// A llama_batch allocated once per session (llama_batch_init) and refilled for every decode, so the hot loop
/// allocates nothing. Each token belongs to exactly one sequence.
/// </summary>
internal sealed unsafe class NativeBatch : IDisposable
{
    private LlamaBatch _batch;
    private bool _disposed;

    public NativeBatch(int capacity)
    {
        Capacity = capacity;
        _batch = LlamaNative.llama_batch_init(capacity, 0, 1);
        if (_batch.token == null)
            throw new OutOfMemoryException($"llama_batch_init failed for {capacity} tokens.");
    }

    public int Capacity { get; }

    public int Count => _batch.n_tokens;

    /// <summary>The struct to pass to llama_decode (by value; it points at our arrays).</summary>
    public LlamaBatch Value => _batch;

    public void Clear() => _batch.n_tokens = 0;

    /// <summary>Adds a token at <paramref name="position"/> of <paramref name="sequenceId"/>; returns its index in the batch.</summary>
    public int Add(int token, int position, int sequenceId, bool output)
    {
        var i = _batch.n_tokens;
        if (i >= Capacity)
            throw new InvalidOperationException($"The batch holds at most {Capacity} tokens.");
        _batch.token[i] = token;
        _batch.pos[i] = position;
        _batch.n_seq_id[i] = 1;
        _batch.seq_id[i][0] = sequenceId;
        _batch.logits[i] = output ? (sbyte)1 : (sbyte)0;
        _batch.n_tokens = i + 1;
        return i;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        LlamaNative.llama_batch_free(_batch);
    }
}
