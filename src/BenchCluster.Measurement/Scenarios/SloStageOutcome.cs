namespace BenchCluster.Measurement.Scenarios;

/// <summary>How one open-loop stage of slo-search counts in the search.</summary>
public enum SloStageOutcome
{
    /// <summary>The rate was offered on schedule and met the SLOs and the error bound.</summary>
    Passed,
    /// <summary>The rate was offered on schedule and missed the SLOs or the error bound.</summary>
    Failed,
    /// <summary>
    /// The client fell behind (p99 send lag above max_send_lag_ms): the rate was not really offered, so the stage
    /// says nothing about the server at that rate, neither pass nor fail; the search tries no rate at or above it.
    /// </summary>
    NotMeasured,
}
