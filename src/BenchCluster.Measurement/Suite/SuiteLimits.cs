namespace BenchCluster.Measurement.Suite;

/// <summary>
/// Bounds on what a suite may ask for. A suite comes from whoever can submit one, so every count that sizes work or
/// memory is capped before anything is allocated; the job count has its own operator setting (MatrixLimits).
/// </summary>
public static class SuiteLimits
{
    /// <summary>Largest suite text: real suites are a few KiB; this leaves room for long lists and comments.</summary>
    public const int MaxSuiteBytes = 1024 * 1024;

    /// <summary>Deepest nesting of lists and mappings; the format itself needs six levels.</summary>
    public const int MaxNestingDepth = 32;

    /// <summary>Most problems listed for one suite; the rest are counted, not listed.</summary>
    public const int MaxReportedErrors = 50;

    public const int MaxRepetitions = 1000;
    public const int MaxWarmup = 1000;
    /// <summary>Measured requests per repetition (per stage for sweep and slo-search).</summary>
    public const int MaxRequestsPerScenario = 1_000_000;
    /// <summary>Requests per second of an open-loop rate.</summary>
    public const double MaxRatePerSecond = 100_000;
    /// <summary>Requests in flight at once (concurrency values and max_concurrency).</summary>
    public const int MaxConcurrency = 10_000;
    public const int MaxSweepPoints = 100;
    public const int MaxSearchSteps = 50;
    /// <summary>Prompt or output tokens of one request or run: far above any context length a model has today.</summary>
    public const int MaxTokens = 4 * 1024 * 1024;
}
