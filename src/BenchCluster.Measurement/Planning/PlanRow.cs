namespace BenchCluster.Measurement.Planning;

/// <summary>The jobs of one model × node × scenario in a dry run, and how long they may take.</summary>
public sealed record PlanRow
{
    public required string Model { get; init; }
    public required string Node { get; init; }
    public required string Scenario { get; init; }
    /// <summary>Quality rows: the model compared against (a suite model or a .gguf); null = perplexity only, or not quality.</summary>
    public string? Reference { get; init; }
    /// <summary>Points: the scenario's parameter combinations.</summary>
    public required int Points { get; init; }
    public required int Jobs { get; init; }
    public required double EstimatedSeconds { get; init; }
    /// <summary>Jobs whose estimate is the measured duration of the same point on the same node; the rest are guessed.</summary>
    public required int MeasuredJobs { get; init; }
    /// <summary>"measured", "guessed", or "partly measured".</summary>
    public string Estimate => MeasuredJobs == Jobs ? "measured" : MeasuredJobs == 0 ? "guessed" : "partly measured";
}
