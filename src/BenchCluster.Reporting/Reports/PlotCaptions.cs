using BenchCluster.Reporting.Plots;

namespace BenchCluster.Reporting.Reports;

/// <summary>How to read each plot, under it in the report.</summary>
public static class PlotCaptions
{
    public static string Of(string plotName) => plotName switch
    {
        ThroughputPlot.Name => "Mean tokens/s of each result over its repetitions; the whisker is ± one standard deviation. " +
                               "Longer is faster; a long whisker means the repetitions disagreed (see the verdict).",
        LatencyRatePlot.TtftName => "Median (thick line, filled circles) and 99th percentile (thin line, open squares) of the time to first token at each " +
                                    "offered request rate. Where the p99 line turns upward, requests queue: the rate the configuration can serve is below it.",
        LatencyRatePlot.TpotName => "Median (thick, filled circles) and 99th percentile (thin, open squares) of the time per output token at each offered request rate; " +
                                    "it grows as more requests share the engine.",
        CostThroughputPlot.Name => "Each dot is a result: right is faster, down is cheaper. Ringed and joined: the Pareto frontier of its " +
                                   "scenario, the results no other beats on throughput, cost and (where measured) p99 TTFT at once. " +
                                   "Results without a price (no cost section) are not drawn.",
        DistributionPlot.TtftName => "How time to first token spread over the measured requests of each result (shared bins). " +
                                     "A second hump or a long right tail is queueing or a stall.",
        DistributionPlot.ItlName => "How the gaps between consecutive output tokens spread (shared bins). A tight peak is smooth " +
                                    "streaming; a right tail is tokens that arrived in bursts.",
        _ => "",
    };
}
