using BenchCluster.Reporting.Records;

namespace BenchCluster.Reporting.Plots;

/// <summary>How a plot names a result: model, quantization, scenario, the settings in the point label, and the node.</summary>
internal static class PointLabels
{
    public static string Of(ResultRecord record) =>
        $"{record.Model}{Quant(record)} · {record.Scenario}{Settings(record.PointLabel)} · {record.Node}";

    /// <summary>Model × quantization × settings × node: a result within a plot of its scenario.</summary>
    public static string InScenario(ResultRecord record) =>
        $"{record.Model}{Quant(record)}{Settings(record.PointLabel)} · {record.Node}";

    /// <summary>Model × quantization × settings × node without the scenario: one series across a scenario's rates.</summary>
    public static string Series(ResultRecord record) =>
        $"{record.Model}{Quant(record)}{Settings(record.PointLabel, dropRate: true)} · {record.Node}";

    private static string Quant(ResultRecord record) => record.Quantization is { Length: > 0 } q ? $" {q}" : "";

    /// <summary>The "[threads=2,…]" part of a point label (the settings that vary), or "".</summary>
    private static string Settings(string pointLabel, bool dropRate = false)
    {
        var open = pointLabel.IndexOf('[', StringComparison.Ordinal);
        var close = pointLabel.LastIndexOf(']');
        if (open < 0 || close <= open)
            return "";
        var parts = pointLabel[(open + 1)..close].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => !dropRate || !p.StartsWith("rate=", StringComparison.Ordinal))
            .ToList();
        return parts.Count == 0 ? "" : $" [{string.Join(',', parts)}]";
    }
}
