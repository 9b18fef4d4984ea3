namespace BenchCluster.Measurement.Workloads.Inputs;

/// <summary>
/// Collects the problems of one input file up to a bound: a file with a million bad lines reports the first few and
/// a count, not a million messages.
/// </summary>
public sealed class InputProblems(string file, int maxShown = InputProblems.DefaultMaxShown)
{
    public const int DefaultMaxShown = 10;

    private readonly List<string> _shown = [];
    private int _more;

    public int Count => _shown.Count + _more;

    /// <summary>True once enough problems were seen that reading on only counts them.</summary>
    public bool Full => _shown.Count >= maxShown;

    public void Add(string where, string problem)
    {
        if (_shown.Count < maxShown)
            _shown.Add($"{file}:{where}: {problem}");
        else
            _more++;
    }

    /// <summary>Throws the collected problems, if any.</summary>
    public void ThrowIfAny()
    {
        if (Count == 0)
            return;
        var all = _more == 0 ? _shown : [.. _shown, $"{file}: and {_more} more problems of the same kinds"];
        throw new WorkloadInputException(file, all);
    }
}
