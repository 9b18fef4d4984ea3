using BenchCluster.Reporting.Records;

namespace BenchCluster.Reporting.Selecting;

/// <summary>
/// Chooses the best configuration of a run per scenario (docs/compare.md, "best"): VALID rows that meet the SLO and the
/// quality bounds are candidates; the Pareto frontier is drawn over cost × throughput × latency × KL-divergence (axes
/// not every candidate has are left out); the best is the cheapest, fastest, lowest-latency or lowest-KLD candidate,
/// ties broken by throughput; every other candidate says why it lost (<see cref="BestLoss"/>).
/// </summary>
public static class BestConfigurationSelector
{
    public static BestReport Select(
        Guid runId, IReadOnlyList<ResultRecord> records, BestObjective objective, SloBounds? slo = null, QualityBounds? quality = null)
    {
        slo ??= SloBounds.None;
        quality ??= QualityBounds.None;
        // Quality points are evidence joined onto the speed rows of their model file, not configurations to serve; they are
        // ranked themselves only in a run that has nothing else.
        var served = records.Where(r => r.ScenarioKind != QualityJoin.QualityKind).ToList();
        var groups = (served.Count > 0 ? served : records)
            .GroupBy(r => (r.Scenario, r.ScenarioKind))
            .OrderBy(g => g.Key.Scenario, StringComparer.Ordinal)
            .Select(g => SelectGroup(g.Key.Scenario, g.Key.ScenarioKind, g.ToList(), objective, slo, quality))
            .ToList();
        return new BestReport { RunId = runId, Objective = objective, Slo = slo, Quality = quality, Groups = groups };
    }

    private static BestGroup SelectGroup(
        string scenario, string kind, IReadOnlyList<ResultRecord> records, BestObjective objective, SloBounds slo, QualityBounds quality)
    {
        var rows = records.Select(r => Row(r, slo, quality)).ToList();
        var candidates = rows.Where(r => r.IsCandidate).ToList();
        var axes = Axes(candidates);
        var frontier = axes.Count == 0 ? [] : ParetoFrontier.Of(candidates, axes).ToHashSet();
        rows = rows.Select(r => r with { OnFrontier = frontier.Contains(r) }).ToList();
        candidates = rows.Where(r => r.IsCandidate).ToList();

        var (best, message) = Choose(candidates, rows.Count, objective, slo, quality);
        if (best is not null)
            rows = rows.Select(r => r.IsCandidate && !ReferenceEquals(r, best) ? r with { LostBecause = BestLoss.Why(r, best, objective) } : r).ToList();
        var ordered = rows.OrderByDescending(r => ReferenceEquals(r, best)).ThenByDescending(r => r.IsCandidate)
            .ThenByDescending(r => r.OnFrontier).ThenByDescending(r => r.TokensPerSecond ?? double.MinValue).ToList();
        if (message is null && objective != BestObjective.Cost && candidates.All(c => c.UsdPerMTok is null))
            message = "prices unknown: the cost axis is left out (add a cost: section to the suite)";
        if (best?.Result.Quality?.IsSynthetic == true)
            message = string.Join("; ", new[] { message, "the best is a synthetic model: its quality figures are the numerical fidelity of random weights, not a model's quality" }.OfType<string>());
        return new BestGroup
        {
            Scenario = scenario, ScenarioKind = kind, Best = best, Message = message,
            FrontierAxes = axes.Select(a => a.Name).ToList(), Rows = ordered,
        };
    }

    private static (BestRow? Best, string? Message) Choose(
        IReadOnlyList<BestRow> candidates, int total, BestObjective objective, SloBounds slo, QualityBounds quality)
    {
        if (candidates.Count == 0)
            return (null, total == 0 ? "no results" : $"none of {total} configuration(s) is VALID and meets the SLO ({slo}){(quality.HasBounds ? $" and the quality bounds ({quality})" : "")}; the rows below say why");
        return objective switch
        {
            BestObjective.Cost when candidates.All(c => c.UsdPerMTok is null) =>
                (null, "prices unknown for every candidate: cost cannot be ranked (add a cost: section to the suite, or use --objective throughput)"),
            BestObjective.Cost => (candidates.Where(c => c.UsdPerMTok is not null)
                .OrderBy(c => c.UsdPerMTok).ThenByDescending(c => c.TokensPerSecond ?? 0).First(), null),
            BestObjective.Latency when candidates.All(c => c.LatencyMs is null) =>
                (null, "no latency was measured in this scenario (pp has none): use --objective throughput or cost"),
            BestObjective.Latency => (candidates.Where(c => c.LatencyMs is not null)
                .OrderBy(c => c.LatencyMs).ThenByDescending(c => c.TokensPerSecond ?? 0).First(), null),
            BestObjective.Quality => ByQuality(candidates),
            _ => (candidates.OrderByDescending(c => c.TokensPerSecond ?? double.MinValue).ThenBy(c => c.UsdPerMTok ?? double.MaxValue).First(), null),
        };
    }

    /// <summary>Lowest KLD; where no candidate has a reference, lowest perplexity (comparable over one corpus and tokenizer only).</summary>
    private static (BestRow? Best, string? Message) ByQuality(IReadOnlyList<BestRow> candidates)
    {
        var withKld = candidates.Where(c => c.KlDivergence is not null).ToList();
        if (withKld.Count > 0)
            return (withKld.OrderBy(c => c.KlDivergence).ThenBy(c => c.UsdPerMTok ?? double.MaxValue).ThenByDescending(c => c.TokensPerSecond ?? 0).First(), null);
        var withPerplexity = candidates.Where(c => c.Result.Quality is not null).ToList();
        if (withPerplexity.Count == 0)
            return (null, "no quality measured in this scenario: add a quality scenario for its model files to the suite, or use --objective cost");
        return (withPerplexity.OrderBy(c => c.Result.Quality!.Perplexity).ThenBy(c => c.UsdPerMTok ?? double.MaxValue).First(),
            "no reference was scored, so no KL-divergence: ranked by perplexity, which compares models only over the same corpus and tokenizer");
    }

    private static List<ParetoObjective<BestRow>> Axes(IReadOnlyList<BestRow> candidates)
    {
        var all = new List<ParetoObjective<BestRow>>
        {
            new("cost", r => r.UsdPerMTok, HigherIsBetter: false),
            new("throughput", r => r.TokensPerSecond, HigherIsBetter: true),
            new("latency", r => r.LatencyMs, HigherIsBetter: false),
            new("kld", r => r.KlDivergence, HigherIsBetter: false),
        };
        // An axis only some rows have would drop the others from the frontier; one nobody has says nothing.
        return all.Where(axis => candidates.Count > 0 && candidates.All(c => axis.Value(c) is not null)).ToList();
    }

    private static BestRow Row(ResultRecord record, SloBounds slo, QualityBounds quality)
    {
        var excluded = new List<string>();
        if (!record.IsValid)
            excluded.Add("INVALID: " + (record.VerdictReasons.Count > 0 ? string.Join("; ", record.VerdictReasons) : "see its verdict"));
        Check(excluded, "ttft_ms", slo.TtftMs, record.TtftMs, slo.Percentile);
        Check(excluded, "tpot_ms", slo.TpotMs, record.TpotMs, slo.Percentile);
        Check(excluded, "e2el_ms", slo.E2elMs, record.E2elMs, slo.Percentile);
        var sloMissed = excluded.Any(e => !e.StartsWith("INVALID", StringComparison.Ordinal));
        var qualityMisses = quality.Misses(record);
        excluded.AddRange(qualityMisses);
        return new BestRow
        {
            Result = record,
            UsdPerMTok = record.Cost.UsdPerMTokBlended ?? record.Cost.UsdPerMTokWorkload ?? record.Cost.UsdPerMTokOutput ?? record.Cost.UsdPerMTokInput,
            TokensPerSecond = record.TokensPerSecond,
            LatencyMs = At(record.E2elMs ?? record.ItlMs, slo.Percentile),
            MeetsSlo = !sloMissed,
            KlDivergence = record.Quality?.KlDivergenceMean,
            DeltaPerplexity = record.Quality?.DeltaPerplexity,
            Top1Agreement = record.Quality?.Top1Agreement,
            MeetsQuality = qualityMisses.Count == 0,
            Excluded = excluded,
            OnFrontier = false,
        };
    }

    private static void Check(List<string> excluded, string name, double? bound, LatencySummary? measured, string percentile)
    {
        if (bound is not { } limit)
            return;
        if (At(measured, percentile) is not { } value)
            excluded.Add($"{name} not measured");
        else if (value > limit)
            excluded.Add($"{name} {percentile} {value:0.##} > {limit:0.##}");
    }

    private static double? At(LatencySummary? latency, string percentile) => percentile switch
    {
        "p50" => latency?.P50,
        "p90" => latency?.P90,
        _ => latency?.P99,
    };
}
