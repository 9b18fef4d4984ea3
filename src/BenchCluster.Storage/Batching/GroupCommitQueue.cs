using System.Threading.Channels;

namespace BenchCluster.Storage.Batching;

/// <summary>
/// Group commit: callers enqueue one item each and await its result; a single writer takes whatever is waiting (up to
/// <paramref name="maxBatch"/>) and writes it in one round of statements. An idle queue writes a lone item at once, so
/// slow work (minute-long benchmark jobs) sees no added latency, while thousands of short jobs share transactions.
/// </summary>
public sealed class GroupCommitQueue<TItem, TResult> : IAsyncDisposable
{
    private readonly Channel<(TItem Item, TaskCompletionSource<TResult> Result)> _queue =
        Channel.CreateUnbounded<(TItem, TaskCompletionSource<TResult>)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> _flush;
    private readonly int _maxBatch;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _writer;

    public GroupCommitQueue(Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> flush, int maxBatch)
    {
        _flush = flush;
        _maxBatch = maxBatch;
        _writer = Task.Run(WriteLoopAsync);
    }

    public Task<TResult> EnqueueAsync(TItem item)
    {
        var result = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((item, result)))
            result.SetException(new ObjectDisposedException(nameof(GroupCommitQueue<TItem, TResult>)));
        return result.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<(TItem Item, TaskCompletionSource<TResult> Result)>(_maxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stopping.Token))
            {
                batch.Clear();
                while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var entry))
                    batch.Add(entry);
                try
                {
                    var results = await _flush(batch.Select(e => e.Item).ToList(), _stopping.Token);
                    for (var i = 0; i < batch.Count; i++)
                        batch[i].Result.TrySetResult(results[i]);
                }
                catch (Exception e)
                {
                    foreach (var entry in batch)
                        entry.Result.TrySetException(e);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // disposed
        }
    }

    /// <summary>Writes what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
        _stopping.Dispose();
    }
}
