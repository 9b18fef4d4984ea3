using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BenchCluster.Reporting.LlamaBench;

/// <summary>Writes llama-bench's <c>-o json</c> array or its <c>-o md</c> table, so results line up with what the llama.cpp community posts.</summary>
public static class LlamaBenchWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public static async Task WriteJsonAsync(IReadOnlyList<LlamaBenchResult> results, TextWriter output, CancellationToken cancellationToken = default)
    {
        await output.WriteLineAsync(JsonSerializer.Serialize(results, Json).AsMemory(), cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    /// <summary>One table per node (llama-bench measures one machine): | model | size | params | backend | threads or ngl | test | t/s |.</summary>
    public static async Task WriteMarkdownAsync(IReadOnlyList<LlamaBenchResult> results, TextWriter output, CancellationToken cancellationToken = default)
    {
        var nodes = results.GroupBy(r => r.Node).ToList();
        foreach (var node in nodes)
        {
            if (nodes.Count > 1)
                await output.WriteLineAsync($"#### {node.Key}\n".AsMemory(), cancellationToken);
            var gpu = node.Any(r => r.Backends != "CPU");
            var header = new List<(string Name, int Width)> { ("model", -30), ("size", 10), ("params", 10), ("backend", -10) };
            header.Add(gpu ? ("ngl", 3) : ("threads", 7));
            header.AddRange([("test", 15), ("t/s", 20)]);
            await output.WriteLineAsync(Row(header.Select(h => (h.Name, h.Width))).AsMemory(), cancellationToken);
            await output.WriteLineAsync(("|" + string.Concat(header.Select(h => $" {new string('-', Math.Abs(h.Width) - 1)}{(h.Width > 0 ? ':' : '-')} |"))).AsMemory(), cancellationToken);
            foreach (var r in node)
            {
                var cells = new List<string>
                {
                    r.ModelType ?? r.ModelFilename, Size(r.ModelSize), Params(r.ModelNParams), r.Backends,
                    gpu ? r.NGpuLayers.ToString(CultureInfo.InvariantCulture) : r.NThreads?.ToString(CultureInfo.InvariantCulture) ?? "?",
                    LlamaBenchResults.TestName(r), $"{Number(r.AvgTs)} ± {Number(r.StddevTs)}",
                };
                await output.WriteLineAsync(Row(cells.Zip(header, (cell, h) => (cell.Replace("|", "\\|", StringComparison.Ordinal), h.Width))).AsMemory(), cancellationToken);
            }
            var build = node.Select(r => r.BuildCommit).FirstOrDefault(b => b is not null);
            await output.WriteLineAsync($"\nbuild: {build ?? "unknown"} (BenchCluster)".AsMemory(), cancellationToken);
        }
        await output.FlushAsync(cancellationToken);
    }

    private static string Row(IEnumerable<(string Text, int Width)> cells) =>
        "|" + string.Concat(cells.Select(c => " " + (c.Width < 0 ? c.Text.PadRight(-c.Width) : c.Text.PadLeft(c.Width)) + " |"));

    private static string Size(long? bytes) => bytes switch
    {
        null => "?",
        < 1024L * 1024 * 1024 => (bytes.Value / 1024.0 / 1024.0).ToString("0.00", CultureInfo.InvariantCulture) + " MiB",
        _ => (bytes.Value / 1024.0 / 1024.0 / 1024.0).ToString("0.00", CultureInfo.InvariantCulture) + " GiB",
    };

    private static string Params(long? count) => count switch
    {
        null => "?",
        < 1_000_000_000 => (count.Value / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " M",
        _ => (count.Value / 1e9).ToString("0.00", CultureInfo.InvariantCulture) + " B",
    };

    private static string Number(double? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "?";
}
