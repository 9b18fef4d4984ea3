namespace BenchCluster.Measurement.Workloads.Inputs;

/// <summary>
/// Collects the problems of one input file up to a bound: a file with a million bad lines reports its first few and
/// reading stops there, rather than building a million messages.
/// </summary>
public sealed class InputProblems(string file, int maxShown = InputProblems.DefaultMaxShown)
{
    public const int DefaultMaxShown = 10;

    private readonly List<string> _shown = [];

    public int Count => _shown.Count;

    /// <summary>True once the bound is reached: the reader stops there.</summary>
    public bool Full => _shown.Count >= maxShown;

    public void Add(string where, string problem)
    {
        if (!Full)
            _shown.Add($"{file}:{where}: {problem}");
    }

    /// <summary>Throws the collected problems, if any.</summary>
    public void ThrowIfAny()
    {
        if (Count == 0)
            return;
        var all = Full ? [.. _shown, $"{file}: reading stopped at the first {maxShown} problems; fix them and check the file again"] : _shown;
        throw new WorkloadInputException(file, all);
    }
}
