namespace BenchCluster.EngineProcess.Parent;

/// <summary>The last lines a child wrote: what a crash report quotes.</summary>
internal sealed class StderrTail(int capacity)
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _lock = new();

    public void Add(string line)
    {
        lock (_lock)
        {
            _lines.Enqueue(line);
            while (_lines.Count > capacity)
                _lines.Dequeue();
        }
    }

    public string Text
    {
        get
        {
            lock (_lock)
                return _lines.Count == 0 ? "(nothing)" : string.Join('\n', _lines);
        }
    }
}
