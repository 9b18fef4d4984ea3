namespace BenchCluster.Contracts.Runs;

/// <summary>A suite as submitted: its YAML text and who sent it.</summary>
[GenerateSerializer, Immutable]
public sealed record SuiteSubmission(
    [property: Id(0)] string SuiteText,
    [property: Id(1)] string SourceName,
    [property: Id(2)] string SubmittedBy);
