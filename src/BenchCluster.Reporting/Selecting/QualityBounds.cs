using System.Globalization;
using BenchCluster.Reporting.Records;

namespace BenchCluster.Reporting.Selecting;

/// <summary>
/// Quality a configuration must keep to be a candidate (`best --max-kld/--max-ppl-delta/--min-top1`): its model file's
/// mean KL-divergence against the reference, Δ perplexity and top-1 agreement on its node. A bound left out is not
/// checked; a row whose quality was not measured never passes a bound (unknown is not good enough).
/// </summary>
public sealed record QualityBounds
{
    public double? MaxKlDivergence { get; init; }
    public double? MaxPerplexityDelta { get; init; }
    /// <summary>Share of tokens, 0..1.</summary>
    public double? MinTop1Agreement { get; init; }

    public static QualityBounds None { get; } = new();

    public bool HasBounds => MaxKlDivergence is not null || MaxPerplexityDelta is not null || MinTop1Agreement is not null;

    /// <summary>Checks each given bound; throws <see cref="FormatException"/> naming the option and what it accepts.</summary>
    public static QualityBounds Create(double? maxKld, double? maxPplDelta, double? minTop1)
    {
        if (maxKld is { } kld && (!double.IsFinite(kld) || kld < 0))
            throw new FormatException($"max-kld {Text(kld)} is not a KL-divergence: give a number ≥ 0 in nats, e.g. 0.05.");
        if (maxPplDelta is { } delta && !double.IsFinite(delta))
            throw new FormatException($"max-ppl-delta {Text(delta)} is not a number: give the largest perplexity increase over the reference, e.g. 0.5.");
        if (minTop1 is { } top1 && (!double.IsFinite(top1) || top1 < 0 || top1 > 1))
            throw new FormatException($"min-top1 {Text(top1)} is not a share: give 0..1, e.g. 0.9 for 90 % of tokens with the reference's top token.");
        return new QualityBounds { MaxKlDivergence = maxKld, MaxPerplexityDelta = maxPplDelta, MinTop1Agreement = minTop1 };
    }

    /// <summary>Why the record misses a bound: each bound missed, or quality not measured; empty when every bound holds.</summary>
    public IReadOnlyList<string> Misses(ResultRecord record)
    {
        if (!HasBounds)
            return [];
        if (record.Quality is not { } quality)
            return ["no quality measured" + (record.QualityNote is { } note ? $" ({note})" : "")];
        var misses = new List<string>();
        Above(misses, "KLD", MaxKlDivergence, quality.KlDivergenceMean);
        Above(misses, "Δppl", MaxPerplexityDelta, quality.DeltaPerplexity);
        if (MinTop1Agreement is { } min)
        {
            if (quality.Top1Agreement is not { } top1)
                misses.Add("top-1 not measured (the quality point has no reference)");
            else if (top1 < min)
                misses.Add($"top-1 {Text(top1 * 100)} % < {Text(min * 100)} %");
        }
        return misses;
    }

    private static void Above(List<string> misses, string name, double? bound, double? value)
    {
        if (bound is not { } limit)
            return;
        if (value is not { } measured)
            misses.Add($"{name} not measured (the quality point has no reference)");
        else if (!(measured <= limit))
            misses.Add($"over the {name} bound: {Text(measured)} > {Text(limit)}");
    }

    public override string ToString()
    {
        var parts = new List<string>();
        if (MaxKlDivergence is { } kld) parts.Add($"KLD ≤ {Text(kld)}");
        if (MaxPerplexityDelta is { } delta) parts.Add($"Δppl ≤ {Text(delta)}");
        if (MinTop1Agreement is { } top1) parts.Add($"top-1 ≥ {Text(top1 * 100)} %");
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }

    private static string Text(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
