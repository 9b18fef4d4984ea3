namespace BenchCluster.Measurement.Suite;

/// <summary>Shell-style name patterns: <c>*</c> matches any run of characters, <c>?</c> one; case-insensitive.</summary>
public static class Glob
{
    public static bool IsMatch(string pattern, string text)
    {
        var p = 0;
        var t = 0;
        var starP = -1;
        var starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToUpperInvariant(pattern[p]) == char.ToUpperInvariant(text[t])))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starT = t;
            }
            else if (starP >= 0)
            {
                // Backtrack: let the last star swallow one more character.
                p = starP + 1;
                t = ++starT;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
            p++;
        return p == pattern.Length;
    }
}
