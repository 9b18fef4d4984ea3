namespace BenchCluster.Measurement.Validity;

/// <summary>VALID or INVALID, with every reason a rule gave; warnings do not invalidate but must be shown.</summary>
public sealed record Verdict
{
    public required bool IsValid { get; init; }
    public IReadOnlyList<string> Reasons { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public string Label => IsValid ? "VALID" : "INVALID";

    public static Verdict From(IReadOnlyList<string> reasons, IReadOnlyList<string> warnings) =>
        new() { IsValid = reasons.Count == 0, Reasons = reasons, Warnings = warnings };

    /// <summary>Several verdicts as one: invalid when any is, with every reason and warning prefixed by its source.</summary>
    public static Verdict Combine(IEnumerable<(string Source, Verdict Verdict)> parts)
    {
        var reasons = new List<string>();
        var warnings = new List<string>();
        foreach (var (source, verdict) in parts)
        {
            reasons.AddRange(verdict.Reasons.Select(r => $"{source}: {r}"));
            warnings.AddRange(verdict.Warnings.Select(w => $"{source}: {w}"));
        }
        return From(reasons, warnings);
    }
}
