namespace BenchCluster.Contracts.Runs;

/// <summary>A suite as submitted: its YAML text, who sent it and the tags to find the run by (see <see cref="RunTags"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record SuiteSubmission(
    [property: Id(0)] string SuiteText,
    [property: Id(1)] string SourceName,
    [property: Id(2)] string SubmittedBy,
    [property: Id(3)] string[]? Tags = null);
