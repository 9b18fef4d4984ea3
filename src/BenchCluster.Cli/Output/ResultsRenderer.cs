using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchCluster.Storage.Queries;
using Spectre.Console;

namespace BenchCluster.Cli.Output;

/// <summary>Prints results: tokens/s mean ± stddev per model × node × scenario × settings, cost and verdict.</summary>
internal static class ResultsRenderer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void Render(IReadOnlyList<ResultView> results, ResultFormat format, TextWriter output)
    {
        switch (format)
        {
            case ResultFormat.Json:
                output.WriteLine(JsonSerializer.Serialize(results.Select(r => r with { MetricsJson = "" }), Json));
                break;
            case ResultFormat.Csv:
                WriteCsv(results, output);
                break;
            default:
                RenderTable(results);
                break;
        }
    }

    /// <summary>Width of the table when the output is not a terminal (a log, a pipe): wide enough not to wrap cells.</summary>
    private const int RedirectedWidth = 160;

    private static void RenderTable(IReadOnlyList<ResultView> results)
    {
        if (results.Count == 0)
        {
            AnsiConsole.MarkupLine("[yellow]no results yet[/]");
            return;
        }
        if (!AnsiConsole.Profile.Capabilities.Interactive)
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, RedirectedWidth);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("model", "quant", "node", "scenario", "settings", "[bold]t/s[/]", "± sd", "reps", "$/1M tok", "verdict");
        var reasons = new List<string>();
        foreach (var r in results)
        {
            var verdict = "[green]VALID[/]";
            if (r.Verdict != "VALID")
            {
                reasons.Add($"[{reasons.Count + 1}] {r.ModelName} {r.Scenario} {Settings(r)} on {r.NodeName}: {r.VerdictReasons}");
                verdict = $"[red]INVALID [[{reasons.Count}]][/]";
            }
            table.AddRow(
                Markup.Escape(r.ModelName + (r.IsSynthetic == true ? "*" : "")),
                Markup.Escape(r.Quantization ?? ""),
                Markup.Escape(r.NodeName),
                Markup.Escape(r.Scenario),
                Markup.Escape(Settings(r)),
                Number(r.TokensPerSecondMean),
                Number(r.TokensPerSecondStddev),
                r.Repetitions.ToString(CultureInfo.InvariantCulture),
                Cost(r),
                verdict);
        }
        AnsiConsole.Write(table);
        if (results.Any(r => r.IsSynthetic == true))
            AnsiConsole.MarkupLine("[grey]* synthetic model: real shape and quantization, random weights (speed and cost are real, output text is not)[/]");
        foreach (var reason in reasons)
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(reason)}[/]");
    }

    private static void WriteCsv(IReadOnlyList<ResultView> results, TextWriter output)
    {
        output.WriteLine("run_id,model,model_file,quantization,node,device,scenario,threads,batch,ubatch,gpu_layers,depth,concurrency,rate,tokens_per_s_mean,tokens_per_s_stddev,repetitions,usd_per_mtok_input,usd_per_mtok_output,usd_per_mtok_blended,verdict,verdict_reasons");
        foreach (var r in results)
        {
            var fields = new object?[]
            {
                r.RunId, r.ModelName, r.Model, r.Quantization, r.NodeName, r.DeviceName, r.Scenario, r.Threads, r.BatchSize, r.MicroBatchSize,
                r.GpuLayers, r.Depth, r.Concurrency, r.Rate, r.TokensPerSecondMean, r.TokensPerSecondStddev, r.Repetitions,
                r.UsdPerMTokInput, r.UsdPerMTokOutput, r.UsdPerMTokBlended, r.Verdict, r.VerdictReasons,
            };
            output.WriteLine(string.Join(',', fields.Select(Csv)));
        }
    }

    private static string Settings(ResultView r)
    {
        var parts = new List<string>();
        if (r.Threads is { } t) parts.Add($"threads={t}");
        if (r.BatchSize is { } b) parts.Add($"batch={b}");
        if (r.MicroBatchSize is { } u) parts.Add($"ubatch={u}");
        if (r.GpuLayers is { } g) parts.Add($"ngl={g}");
        if (r.Depth is { } d and > 0) parts.Add($"depth={d}");
        if (r.Concurrency is { } c) parts.Add($"conc={c}");
        if (r.Rate is { } rate) parts.Add(string.Create(CultureInfo.InvariantCulture, $"rate={rate}"));
        return string.Join(' ', parts);
    }

    /// <summary>The per-token price a result can give: blended 3:1 when it has both, else output (tg) or input (pp).</summary>
    private static string Cost(ResultView r) =>
        r.UsdPerMTokBlended is { } blended ? $"{Usd(blended)} blend"
        : r.UsdPerMTokOutput is { } output ? $"{Usd(output)} out"
        : r.UsdPerMTokInput is { } input ? $"{Usd(input)} in"
        : "";

    private static string Usd(double value) => value.ToString(value < 1 ? "0.####" : "0.##", CultureInfo.InvariantCulture);

    private static string Number(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "";

    private static string Csv(object? value)
    {
        var text = value switch
        {
            null => "",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        if (text.IndexOfAny([',', '"', '\n']) < 0)
            return text;
        return new StringBuilder("\"").Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString();
    }
}
