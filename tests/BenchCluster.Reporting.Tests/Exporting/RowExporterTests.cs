using System.Text.Json;
using BenchCluster.Reporting.Exporting;

namespace BenchCluster.Reporting.Tests.Exporting;

public sealed class RowExporterTests
{
    private sealed record Node(string Name, double? UsdPerHour, string Detail);

    private static readonly RowExporter<Node> Exporter = new(
    [
        new("node", "node", n => n.Name),
        new("usd_per_hour", "$/hour", n => n.UsdPerHour),
        new("detail", "detail", n => n.Detail) { Detail = true },
    ]);

    private static readonly Node[] Nodes = [new("a|b", 0.5, "x"), new("c", null, "y")];

    [Fact]
    public async Task Json_serializes_the_row_type_in_camel_case_with_nulls()
    {
        using var document = JsonDocument.Parse(await Write(OutputFormat.Json));
        Assert.Equal("a|b", document.RootElement[0].GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, document.RootElement[1].GetProperty("usdPerHour").ValueKind);
        Assert.Equal(2, (await Write(OutputFormat.Jsonl)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Csv_and_markdown_have_every_column_and_the_table_leaves_details_out()
    {
        var csv = CsvReader.Parse(await Write(OutputFormat.Csv));
        Assert.Equal(["node", "usd_per_hour", "detail"], csv[0]);
        Assert.Equal(["c", "", "y"], csv[2]);

        var markdown = await Write(OutputFormat.Markdown);
        Assert.Contains("| node | $/hour | detail |", markdown);
        Assert.Contains("| a\\|b | 0.5 | x |", markdown);

        var table = await Write(OutputFormat.Table);
        Assert.Contains("$/hour", table);
        Assert.DoesNotContain("detail", table);
    }

    [Fact]
    public async Task An_empty_table_says_what_is_missing()
    {
        using var writer = new StringWriter();
        await Exporter.WriteAsync([], OutputFormat.Table, writer, "no worker is connected");
        Assert.Contains("no worker is connected", writer.ToString());
    }

    private static async Task<string> Write(OutputFormat format)
    {
        using var writer = new StringWriter();
        await Exporter.WriteAsync(Nodes, format, writer);
        return writer.ToString();
    }
}
