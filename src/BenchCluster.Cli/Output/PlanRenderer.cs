using System.Globalization;
using System.Text.Json;
using BenchCluster.Measurement.Planning;
using BenchCluster.Reporting.Exporting;
using Spectre.Console;

namespace BenchCluster.Cli.Output;

/// <summary>Prints a dry run's plan: a table for people, or JSON (camelCase) with nothing else on stdout.</summary>
internal static class PlanRenderer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private const int RedirectedWidth = 160;

    public static void Render(RunPreview preview, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(preview, Json));
            foreach (var problem in preview.Problems)
                Console.Error.WriteLine($"error: {problem}");
            return;
        }
        if (!AnsiConsole.Profile.Capabilities.Interactive)
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, RedirectedWidth);
        AnsiConsole.MarkupLine($"dry run of suite [bold]{Markup.Escape(preview.Suite)}[/]: nothing was started");
        if (preview.Rows.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumns("model", "node", "scenario", "points", "[bold]jobs[/]", "estimate", "from");
            foreach (var row in preview.Rows)
            {
                var scenario = row.Reference is null ? row.Scenario : $"{row.Scenario} vs {row.Reference}";
                table.AddRow(Markup.Escape(row.Model), Markup.Escape(row.Node), Markup.Escape(scenario),
                    Count(row.Points), Count(row.Jobs), Duration(row.EstimatedSeconds), row.Estimate);
            }
            AnsiConsole.Write(table);
        }
        foreach (var skip in preview.Skipped)
        {
            var what = string.Join(" × ", new[] { skip.Model ?? "every model", skip.Node, skip.Scenario }.Where(p => p is not null));
            AnsiConsole.MarkupLine($"[yellow]skipped[/] {Markup.Escape(what)}: {Markup.Escape(skip.Reason)}");
        }
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[bold]{preview.TotalJobs:N0} jobs[/]; estimated {Duration(preview.WallSeconds)} on the busiest node, {Duration(preview.MachineSeconds)} of machine time " +
            $"({preview.MeasuredJobs:N0} jobs estimated from measured durations, {preview.GuessedJobs:N0} guessed from token counts)"));
        foreach (var problem in preview.Problems)
            Console.Error.WriteLine($"error: {problem}");
        if (preview.Problems.Count > 0)
            Console.Error.WriteLine("error: a real run of this suite would be refused for the reasons above");
    }

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"45 s", "12 min", "3.4 h".</summary>
    public static string Duration(double seconds) => seconds switch
    {
        < 120 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0} s"),
        < 7200 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.0} h"),
    };
}
