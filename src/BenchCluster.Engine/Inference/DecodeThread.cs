using System.Collections.Concurrent;

namespace BenchCluster.Engine.Inference;

/// <summary>
/// One dedicated OS thread that runs a session's native calls in order. Async callers queue work and await a
/// task; they never block, and llama.cpp always sees the same thread for one context.
/// </summary>
internal sealed class DecodeThread : IDisposable
{
    private readonly BlockingCollection<Action> _queue = new();
    private readonly Thread _thread;

    public DecodeThread(string name)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Runs <paramref name="work"/> on the decode thread. A token already cancelled when the work starts cancels it.</summary>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Execute()
        {
            if (cancellationToken.IsCancellationRequested)
            {
                completion.TrySetCanceled(cancellationToken);
                return;
            }
            try
            {
                completion.TrySetResult(work());
            }
            catch (OperationCanceledException e) when (e.CancellationToken == cancellationToken)
            {
                completion.TrySetCanceled(cancellationToken);
            }
            catch (Exception e)
            {
                completion.TrySetException(e);
            }
        }

        try
        {
            _queue.Add(Execute, CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(_thread.Name, "The session was disposed.");
        }
        return completion.Task;
    }

    private void Run()
    {
        foreach (var work in _queue.GetConsumingEnumerable())
            work();
    }

    /// <summary>Lets queued work finish, then ends the thread (call from another thread than this one).</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        if (Thread.CurrentThread != _thread)
            _thread.Join();
        _queue.Dispose();
    }
}
