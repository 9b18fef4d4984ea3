namespace BenchCluster.Measurement.Suite.Parsing;

/// <summary>Suggests the allowed name closest to a misspelt one (edit distance at most a third of its length, at least 2).</summary>
internal static class DidYouMean
{
    public static string? Suggest(string given, IEnumerable<string> allowed)
    {
        var limit = Math.Max(2, given.Length / 3);
        return allowed
            .Select(name => (Name: name, Distance: Distance(given.ToLowerInvariant(), name.ToLowerInvariant())))
            .Where(c => c.Distance <= limit)
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();
    }

    /// <summary>Allowed values as a message tail: "; did you mean 'x'? Allowed: a, b, c".</summary>
    public static string Hint(string given, IReadOnlyCollection<string> allowed)
    {
        var suggestion = Suggest(given, allowed);
        return (suggestion is null ? "" : $"; did you mean '{suggestion}'?") + $" Allowed: {string.Join(", ", allowed)}";
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
