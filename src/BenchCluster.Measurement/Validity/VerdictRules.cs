using System.Globalization;
using BenchCluster.Measurement.Statistics;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Validity;

/// <summary>
/// The validity rules (docs/metrics.md, "Verdict"): each broken rule adds a reason and makes the result INVALID.
/// </summary>
public static class VerdictRules
{
    private const double TailPercentile = 0.99;

    public static Verdict Evaluate(StageEvidence e, ValidityThresholds t)
    {
        var reasons = new List<string>();
        var warnings = new List<string>();
        Repetitions(e, reasons);
        Duration(e, t, reasons);
        SampleCount(e, t, reasons);
        Spread(e, t, reasons, warnings);
        OutputCounts(e, t, reasons, warnings);
        ErrorRate(e, t, reasons);
        Schedule(e, t, reasons);
        Percentiles(e, t, reasons);
        TailSamples(e, t, warnings);
        if (e.OutlierCount > 0)
            warnings.Add(F($"{e.OutlierCount} value(s) beyond Tukey's fences (flagged, kept)"));
        return Verdict.From(reasons, warnings);
    }

    private static void Repetitions(StageEvidence e, List<string> reasons)
    {
        if (e.MeasuredRepetitions < e.ExpectedRepetitions)
            reasons.Add(F($"only {e.MeasuredRepetitions} of {e.ExpectedRepetitions} repetitions were measured"));
    }

    private static void Duration(StageEvidence e, ValidityThresholds t, List<string> reasons)
    {
        if (t.MinDurationSeconds <= 0)
            return;
        var short_ = e.RepetitionSeconds.Where(s => s < t.MinDurationSeconds).ToList();
        if (short_.Count > 0)
            reasons.Add(F($"{short_.Count} repetition(s) measured less than min_duration_s {t.MinDurationSeconds} s (shortest {short_.Min():0.###} s); raise requests or output length"));
    }

    private static void SampleCount(StageEvidence e, ValidityThresholds t, List<string> reasons)
    {
        if (e.Succeeded < t.MinSamples)
            reasons.Add(F($"{e.Succeeded} successful sample(s), fewer than min_samples {t.MinSamples}"));
    }

    private static void Spread(StageEvidence e, ValidityThresholds t, List<string> reasons, List<string> warnings)
    {
        if (e.HeadlineValues.Count < 2)
        {
            warnings.Add("one repetition: run-to-run variation (CV) cannot be assessed");
            return;
        }
        // Judged on the CV's upper confidence bound, so that few noisy repetitions cannot pass by luck.
        if (CvBound.Compute(e.HeadlineValues, t.Confidence) is not { } bound)
            return;
        var (cv, upper) = bound;
        if (upper > t.MaxCv)
            reasons.Add(F($"{e.HeadlineMetric} varies too much over repetitions: CV {cv:P1}, upper {t.Confidence:P0} bound {upper:P1} over {e.HeadlineValues.Count} repetitions > max_cv {t.MaxCv:P1}; close other load, lengthen the measured window or add repetitions"));
    }

    private static void OutputCounts(StageEvidence e, ValidityThresholds t, List<string> reasons, List<string> warnings)
    {
        if (e.OutputCountMismatches > 0)
            reasons.Add(F($"{e.OutputCountMismatches} of {e.OutputCountChecked} request(s) generated a different number of tokens than requested (tolerance {t.OutputTokenTolerance}); check ignore_eos / min_tokens support"));
        if (e.ServerCountDisagreements > 0)
            warnings.Add(F($"{e.ServerCountDisagreements} request(s): the server's completion_tokens differ from the tokens counted in the stream (server counts used)"));
        if (e.InexactCountRequests > 0)
            warnings.Add(F($"{e.InexactCountRequests} request(s): the server sent no per-chunk token counts (vLLM's stream_options.continuous_usage_stats, llama-server's timings_per_token), so their per-token itl_ms is withheld; event_gap_ms still has their event gaps"));
        if (e.EndedWhileReasoning > 0)
            warnings.Add(F($"{e.EndedWhileReasoning} request(s) ended while still reasoning (max_tokens spent before the answer began): they have no ttfo_ms; raise max_tokens to measure their answers"));
    }

    private static void ErrorRate(StageEvidence e, ValidityThresholds t, List<string> reasons)
    {
        var total = e.Succeeded + e.Failed;
        if (total == 0)
            return;
        var rate = e.Failed / (double)total;
        if (rate > t.MaxErrorRate)
            reasons.Add(F($"error rate {rate:P2} ({e.Failed} of {total}) > max_error_rate {t.MaxErrorRate:P2}"));
    }

    private static void Schedule(StageEvidence e, ValidityThresholds t, List<string> reasons)
    {
        if (e.RequestedRate is { } requested && e.LowestAchievedRate is { } achieved && achieved < requested * (1 - t.MaxRateShortfall))
            reasons.Add(F($"the client fell behind: achieved {achieved:0.###} req/s of {requested:0.###} requested (more than max_rate_shortfall {t.MaxRateShortfall:P1} short)"));
        if (e.SendLagP99Ms is { } lag && lag > t.MaxSendLagMs)
            reasons.Add(F($"the client fell behind: p99 send lag {lag:0.###} ms > max_send_lag_ms {t.MaxSendLagMs} ms"));
    }

    private static void Percentiles(StageEvidence e, ValidityThresholds t, List<string> reasons)
    {
        foreach (var check in e.PercentileChecks)
        {
            var name = F($"p{check.Percentile * 100:0.##} {check.Metric}");
            if (check.ObservedMs is not { } observed)
                reasons.Add($"{name}: no successful samples to check the bound {check.BoundMs} ms");
            else if (observed > check.BoundMs)
                reasons.Add(F($"{name} {observed:0.###} ms exceeds the SLO bound {check.BoundMs} ms"));
            else if (!PercentileEvidence.Establishes(check.Samples, check.Exceedances, check.Percentile, t.Confidence))
                reasons.Add(F($"{name} {observed:0.###} ms is within {check.BoundMs} ms but {check.Samples} samples with {check.Exceedances} above the bound cannot establish it at {t.Confidence:P0} confidence (at least {PercentileEvidence.MinimumSamples(check.Percentile, t.Confidence)} needed); raise requests"));
        }
    }

    /// <summary>
    /// A p99 from fewer samples than could establish it (299 at 95 %) is mostly the largest value or two: flagged
    /// whether or not an SLO is set. A p99 SLO bound on the metric already makes this INVALID (Percentiles), so
    /// those metrics are not repeated here.
    /// </summary>
    private static void TailSamples(StageEvidence e, ValidityThresholds t, List<string> warnings)
    {
        var needed = PercentileEvidence.MinimumSamples(TailPercentile, t.Confidence);
        var judged = e.PercentileChecks.Where(c => Math.Abs(c.Percentile - TailPercentile) < 1e-9).Select(c => c.Metric).ToHashSet();
        var thin = e.LatencySampleCounts
            .Where(m => m.Value > 0 && m.Value < needed && !judged.Contains(m.Key))
            .OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => F($"{m.Key} ({m.Value})"))
            .ToList();
        if (thin.Count > 0)
            warnings.Add(F($"p99 from fewer than {needed} samples (needed to establish a p99 at {t.Confidence:P0} confidence) for {string.Join(", ", thin)}: indicative only; raise requests or repetitions"));
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
