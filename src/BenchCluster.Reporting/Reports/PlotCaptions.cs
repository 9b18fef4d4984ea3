using BenchCluster.Reporting.Plots;

namespace BenchCluster.Reporting.Reports;

/// <summary>How to read each plot, under it in the report.</summary>
public static class PlotCaptions
{
    /// <summary>The caption of a plot by its name; per-scenario plots ("throughput-tg128") share their kind's caption.</summary>
    public static string Of(string plotName) => Kind(plotName) switch
    {
        ThroughputPlot.Name => "Mean tokens/s of each result of one scenario over its repetitions; the whisker is ± one standard deviation. " +
                               "Longer is faster; a long whisker means the repetitions disagreed (see the verdict).",
        LatencyRatePlot.TtftName => "Median (thick line, filled circles) and 99th percentile (thin line, open squares) of the time to first token at each " +
                                    "offered request rate. Where the p99 line turns upward, requests queue: the rate the configuration can serve is below it.",
        LatencyRatePlot.TpotName => "Median (thick, filled circles) and 99th percentile (thin, open squares) of the time per output token at each offered request rate; " +
                                    "it grows as more requests share the engine.",
        CostThroughputPlot.Name => "Each dot is a result of one scenario: right is faster, down is cheaper. Large, joined and labelled: the " +
                                   "Pareto frontier, the results no other beats on throughput, cost and (where measured) p99 TTFT at once; " +
                                   "every small dot is beaten on all of them by some frontier point. Results without a price are not drawn.",
        QualityCostPlot.CostName or QualityCostPlot.ThroughputName =>
            "Each dot is a speed result of one scenario with the quality of its model file on its node: down is closer to the reference " +
            "(mean KL-divergence, ± one standard error), left is cheaper (or right is faster where no result has a price). Joined and " +
            "labelled: the results no other beats on both at once. Results whose file has no quality measured are not drawn; " +
            "for synthetic models the figure is the numerical fidelity of random weights, not a model's quality.",
        DistributionPlot.TtftName => "How time to first token spread over the measured requests of each result (shared bins). " +
                                     "A second hump or a long right tail is queueing or a stall.",
        DistributionPlot.ItlName => "How the gaps between consecutive output tokens spread (shared bins). A tight peak is smooth " +
                                    "streaming; a right tail is tokens that arrived in bursts.",
        _ => "",
    };

    private static string Kind(string plotName) =>
        plotName.StartsWith(QualityCostPlot.CostName + "-", StringComparison.Ordinal) ? QualityCostPlot.CostName
        : plotName.StartsWith(QualityCostPlot.ThroughputName + "-", StringComparison.Ordinal) ? QualityCostPlot.ThroughputName
        : plotName.StartsWith(CostThroughputPlot.Name + "-", StringComparison.Ordinal) ? CostThroughputPlot.Name
        : plotName.StartsWith(ThroughputPlot.Name + "-", StringComparison.Ordinal) ? ThroughputPlot.Name
        : plotName;
}
