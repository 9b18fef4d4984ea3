using System.Collections.Concurrent;
using BenchCluster.Engine.Inference;
using BenchCluster.Engine.Native;
using BenchCluster.Engine.Timing;

namespace BenchCluster.Engine.Completions.InProcess;

/// <summary>
/// The continuous-batching loop, run on the session's decode thread as llama-server runs its slots: admit waiting
/// requests into free slots, then each step is one llama_decode carrying the next token of every generating slot
/// plus as many prompt tokens of admitted slots as n_batch leaves room for; every slot whose logits came out
/// chooses its token, stamps it and hands it to its reader. A cancelled or failed slot's KV cells are freed at once; a
/// finished one keeps them for the next request that shares a prefix with it (<see cref="PromptCache"/>).
/// The decode thread does nothing else per token: detokenization and chunk records are the reader's work
/// (<see cref="ChunkAssembler"/>), and the hand-off is a struct, so nothing here allocates per token.
/// </summary>
internal sealed class BatchingLoop : IDisposable
{
    private const string Stop = "stop";
    private const string Length = "length";

    private readonly SessionDecoder _decoder;
    private readonly NativeBatch _batch;
    private readonly nint _memory;
    private readonly DecodeSlot[] _slots;
    private readonly List<DecodeSlot> _prompting;
    private readonly PromptCache _cache;
    private readonly int? _maxInFlight;
    private readonly ReasoningBudget? _reasoningBudget;
    private readonly ConcurrentQueue<PendingRequest> _incoming = new();
    private readonly Queue<PendingRequest> _waiting = new();
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly Lock _gate = new();
    private bool _closed;
    private int _inFlight;
    private int _cancellations;
    private long _steps;
    private long _promptTokensDecoded;
    private long _allocatedAtIdle;
    private volatile bool _stopping;

    /// <summary>Create on the decode thread that will run it.</summary>
    /// <param name="reasoningBudget">Caps every request's reasoning (llama-server's --reasoning-budget); null: no cap.</param>
    public BatchingLoop(SessionDecoder decoder, int? maxQueuedRequests, bool cachePrompts, ReasoningBudget? reasoningBudget = null)
    {
        _reasoningBudget = reasoningBudget;
        _decoder = decoder;
        _memory = LlamaNative.llama_get_memory(decoder.Context);
        _batch = new NativeBatch(Math.Max(decoder.BatchSize, decoder.MaxSequences));
        _slots = new DecodeSlot[decoder.MaxSequences];
        for (var s = 0; s < _slots.Length; s++)
            _slots[s] = new DecodeSlot(s, decoder.ContextPerSequence);
        _prompting = new List<DecodeSlot>(_slots.Length);
        _cache = new PromptCache(_memory, cachePrompts);
        _maxInFlight = maxQueuedRequests is { } queued ? _slots.Length + queued : null;
    }

    public int Slots => _slots.Length;

    /// <summary>Requests in a slot or waiting for one.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>llama_decode calls so far (diagnostics and tests: batching shows as fewer steps than tokens).</summary>
    public long Steps => Volatile.Read(ref _steps);

    /// <summary>Prompt tokens put in batches so far; prompt tokens reused from a slot's cache are not decoded again.</summary>
    public long PromptTokensDecoded => Volatile.Read(ref _promptTokensDecoded);

    /// <summary>Bytes the decode thread had allocated when it last went idle (tests: the hot loop's allocations per token).</summary>
    public long AllocatedBytesAtIdle => Volatile.Read(ref _allocatedAtIdle);

    /// <summary>Set when the loop ended on an unexpected error: every later request is refused with it.</summary>
    public Exception? Fault { get; private set; }

    public enum Admission { Accepted, QueueFull, Closed }

    /// <summary>Any thread: queues a request unless the queue is full or the loop has ended.</summary>
    public Admission TryEnqueue(PendingRequest request)
    {
        lock (_gate)
        {
            if (_closed)
                return Admission.Closed;
            if (_maxInFlight is { } max && _inFlight >= max)
                return Admission.QueueFull;
            _inFlight++;
            _incoming.Enqueue(request);
        }
        _wake.Set();
        return Admission.Accepted;
    }

    /// <summary>Any thread: a request was cancelled; the loop frees its slot before its next decode.</summary>
    public void NotifyCancelled()
    {
        Interlocked.Increment(ref _cancellations);
        _wake.Set();
    }

    /// <summary>Any thread: ends <see cref="Run"/> after the current step; requests left are failed.</summary>
    public void RequestStop()
    {
        _stopping = true;
        _wake.Set();
    }

    /// <summary>Decode thread: serves until <see cref="RequestStop"/>.</summary>
    public void Run()
    {
        try
        {
            while (!_stopping)
            {
                if (Interlocked.Exchange(ref _cancellations, 0) > 0)
                    DropCancelled();
                Admit();
                if (FillBatch())
                    Step();
                else
                    WaitForWork();
            }
            FailAll(new CompletionException(
                "The in-process backend was disposed before the request finished.", CompletionFailureKind.EngineError));
        }
        catch (Exception e)
        {
            Fault = e;
            FailAll(new CompletionException(
                $"The in-process decode loop stopped on an unexpected error: {e.GetType().Name}: {e.Message}. Restart the backend (or the engine process).",
                CompletionFailureKind.EngineError, inner: e));
            throw;
        }
    }

    private void Admit()
    {
        while (_incoming.TryDequeue(out var request))
        {
            if (request.IsCancelled)
                End(request, new OperationCanceledException());
            else
                _waiting.Enqueue(request);
        }
        while (_waiting.Count > 0 && _cache.Choose(_slots, _waiting.Peek()) is { } slot)
        {
            _cache.Assign(slot, _waiting.Dequeue(), _decoder.VocabularySize);
            if (_reasoningBudget is not null)
                slot.ReasoningLeft = _reasoningBudget.Start(slot.Request!.Prompt);
            _prompting.Add(slot);
        }
    }

    /// <summary>Generating slots' next tokens first, then prompt tokens in admission order up to n_batch (as llama-server).</summary>
    private bool FillBatch()
    {
        _batch.Clear();
        foreach (var slot in _slots)
        {
            if (slot.IsFree || slot.IsPrompting)
                continue;
            slot.OutputIndex = _batch.Add(slot.LastToken, slot.Advance(slot.LastToken), slot.Id, output: true);
        }

        for (var k = 0; k < _prompting.Count; k++)
        {
            var slot = _prompting[k];
            var prompt = slot.Request!.Prompt;
            var room = _decoder.BatchSize - _batch.Count;
            var count = Math.Min(room, prompt.Length - slot.PromptDone);
            for (var i = 0; i < count; i++)
            {
                var index = slot.PromptDone++;
                var last = index == prompt.Length - 1;
                var batchIndex = _batch.Add(prompt[index], slot.Advance(prompt[index]), slot.Id, output: last);
                if (last)
                    slot.OutputIndex = batchIndex;
            }
            Volatile.Write(ref _promptTokensDecoded, _promptTokensDecoded + count);
        }
        _prompting.RemoveAll(static slot => !slot.IsPrompting);
        return _batch.Count > 0;
    }

    private void Step()
    {
        var result = LlamaNative.llama_decode(_decoder.Context, _batch.Value);
        if (result != 0)
        {
            FailLive(result);
            return;
        }
        LlamaNative.llama_synchronize(_decoder.Context);
        Volatile.Write(ref _steps, _steps + 1);

        foreach (var slot in _slots)
        {
            if (slot.OutputIndex < 0)
                continue;
            var token = slot.Chooser.Choose(_decoder.Context, slot.OutputIndex);
            if (_reasoningBudget is not null)
            {
                var left = slot.ReasoningLeft;
                token = _reasoningBudget.Apply(token, ref left);
                slot.ReasoningLeft = left;
            }
            slot.OutputIndex = -1;
            Emit(slot, token, MonotonicClock.NowNs());
        }
    }

    private void Emit(DecodeSlot slot, int token, long timestampNs)
    {
        var request = slot.Request!;
        slot.Produced++;
        var finish = !request.IgnoreEos && LlamaNative.llama_vocab_is_eog(_decoder.Vocabulary, token) ? Stop
            // Position is where the next input would go: at the slot's end there is no room for another step.
            : slot.Produced == request.MaxTokens || slot.Position >= _decoder.ContextPerSequence ? Length
            : null;
        request.Write(new GeneratedToken(token, timestampNs, finish));
        if (finish is null)
            slot.LastToken = token;
        else
            Release(slot, null);
    }

    /// <summary>
    /// Ends the slot's request. A failed or cancelled one's KV cells are freed; a finished one's stay for prompt
    /// caching (or are freed too when caching is off), so the next request starts from what the cells hold.
    /// </summary>
    private void Release(DecodeSlot slot, Exception? failure)
    {
        var keep = _cache.Keeps(failure);
        if (!keep)
            LlamaNative.llama_memory_seq_rm(_memory, slot.Id, -1, -1);
        _prompting.Remove(slot);
        End(slot.Clear(keep), failure);
    }

    private void End(PendingRequest request, Exception? failure)
    {
        if (!request.End(failure))
            return;
        lock (_gate)
            _inFlight--;
    }

    private void DropCancelled()
    {
        foreach (var slot in _slots)
        {
            if (slot.Request is { IsCancelled: true })
                Release(slot, new OperationCanceledException());
        }
        for (var i = _waiting.Count; i > 0; i--)
        {
            var request = _waiting.Dequeue();
            if (request.IsCancelled)
                End(request, new OperationCanceledException());
            else
                _waiting.Enqueue(request);
        }
    }

    /// <summary>llama_decode refused the step: every request in it fails, the others' slots stay usable.</summary>
    private void FailLive(int result)
    {
        var reason = result == 1
            ? $"the context had no free KV cells for a step of {_batch.Count} tokens (raise the context size)"
            : $"llama_decode failed with code {result} for a step of {_batch.Count} tokens";
        var failure = new CompletionException($"The in-process engine could not decode: {reason}.", CompletionFailureKind.EngineError);
        foreach (var slot in _slots)
        {
            if (!slot.IsFree)
                Release(slot, failure);
        }
    }

    private void WaitForWork()
    {
        Volatile.Write(ref _allocatedAtIdle, GC.GetAllocatedBytesForCurrentThread());
        _wake.Reset();
        // Everything that sets the event changes one of these first, so a wake-up between the checks is never lost.
        if (_incoming.IsEmpty && !_stopping && Volatile.Read(ref _cancellations) == 0)
            _wake.Wait();
    }

    private void FailAll(Exception failure)
    {
        lock (_gate)
            _closed = true;
        foreach (var slot in _slots)
        {
            if (!slot.IsFree)
                Release(slot, failure);
        }
        while (_waiting.TryDequeue(out var request))
            End(request, failure);
        while (_incoming.TryDequeue(out var request))
            End(request, failure);
    }

    public void Dispose()
    {
        foreach (var slot in _slots)
            slot.Dispose();
        _batch.Dispose();
        // _wake is left to the GC: a reader cancelling at this very moment may still set it, and a
        // ManualResetEventSlim that never handed out its WaitHandle holds no kernel object.
    }
}
