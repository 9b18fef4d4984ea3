namespace BenchCluster.Testing.Reliability;

/// <summary>One row of docs/reliability.md's bad-input catalogue.</summary>
/// <param name="Surface">Where the input enters: "suite", "gguf", "http request", "event stream".</param>
/// <param name="Input">The hostile or broken input, e.g. "200,000 nested [".</param>
/// <param name="Cases">How many distinct cases the test tried.</param>
/// <param name="Response">What the system answered, e.g. "error naming the depth limit within 2 s, no crash".</param>
/// <param name="Test">The test's name.</param>
public sealed record BadInputRecord(string Surface, string Input, int Cases, string Response, string Test);
