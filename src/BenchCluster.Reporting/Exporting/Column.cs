namespace BenchCluster.Reporting.Exporting;

/// <summary>
/// One column of a flat export: <paramref name="Name"/> is the snake_case CSV header, <paramref name="Header"/> what a
/// table or Markdown shows; <paramref name="Value"/> returns null for an empty cell.
/// </summary>
public sealed record Column<T>(string Name, string Header, Func<T, object?> Value)
{
    /// <summary>A detail left out of the terminal table to keep it narrow; CSV and Markdown have it.</summary>
    public bool Detail { get; init; }

    public Column(string name, Func<T, object?> value) : this(name, name, value)
    {
    }
}
