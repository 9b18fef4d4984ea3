using BenchCluster.Reporting.Exporting;

namespace BenchCluster.Reporting.Tests.Exporting;

public sealed class MarkdownExporterTests
{
    [Fact]
    public async Task Pipes_and_line_breaks_in_values_do_not_split_a_row()
    {
        var text = await JsonExporterTests.Export(new MarkdownExporter(), [Records.RequestLevel("a|b", "x | y\nz")]);

        var lines = text.Split('\n');
        var header = lines[0];
        var row = lines[2];
        Assert.Equal(UnescapedPipes(header), UnescapedPipes(row));
        Assert.Contains("a\\|b", row);
        Assert.Contains("1. a\\|b chat", text);
        Assert.Contains("x \\| y z", text);
    }

    [Fact]
    public async Task Latency_columns_appear_only_when_some_result_has_latencies()
    {
        var withLatency = await JsonExporterTests.Export(new MarkdownExporter(), [Records.RequestLevel(), Records.Unpriced()]);
        var microOnly = await JsonExporterTests.Export(new MarkdownExporter(), [Records.Unpriced()]);

        Assert.Contains("| TTFT p50 ms | TTFT p99 ms | TPOT p50 ms | TPOT p99 ms | errors | goodput req/s |", withLatency);
        Assert.Contains("| 20.00 | 48.50 | 5.50 | 9.00 | 10 % | 2.50 |", withLatency);
        Assert.DoesNotContain("TTFT", microOnly);
        Assert.Contains("| VALID |", microOnly);
    }

    private static int UnescapedPipes(string line) => line.Where((c, i) => c == '|' && (i == 0 || line[i - 1] != '\\')).Count();
}
