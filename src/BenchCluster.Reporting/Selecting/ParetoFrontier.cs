namespace BenchCluster.Reporting.Selecting;

/// <summary>
/// The items no other item dominates: another item dominates when it is at least as good on every objective and
/// strictly better on one. Items missing a value on any objective are left out (unknown cannot be compared).
/// O(n²) over the points of a run, which are hundreds, not millions.
/// </summary>
public static class ParetoFrontier
{
    public static IReadOnlyList<T> Of<T>(IReadOnlyList<T> items, IReadOnlyList<ParetoObjective<T>> objectives)
    {
        ArgumentOutOfRangeException.ThrowIfZero(objectives.Count);
        var scored = items
            .Select(item => (Item: item, Scores: objectives.Select(o => Oriented(o, item)).ToArray()))
            .Where(x => x.Scores.All(s => s is not null))
            .Select(x => (x.Item, Scores: x.Scores.Select(s => s!.Value).ToArray()))
            .ToList();
        return scored.Where(candidate => !scored.Any(other => Dominates(other.Scores, candidate.Scores)))
            .Select(x => x.Item).ToList();
    }

    /// <summary>The value turned so that higher is always better; null when unknown or not a finite number.</summary>
    private static double? Oriented<T>(ParetoObjective<T> objective, T item) =>
        objective.Value(item) is { } v && double.IsFinite(v) ? (objective.HigherIsBetter ? v : -v) : null;

    private static bool Dominates(double[] a, double[] b)
    {
        var strictly = false;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] < b[i])
                return false;
            if (a[i] > b[i])
                strictly = true;
        }
        return strictly;
    }
}
