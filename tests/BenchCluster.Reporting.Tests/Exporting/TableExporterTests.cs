using BenchCluster.Reporting.Exporting;

namespace BenchCluster.Reporting.Tests.Exporting;

public sealed class TableExporterTests
{
    [Fact]
    public async Task Table_shows_throughput_latency_cost_and_numbered_reasons_without_colour_codes_when_redirected()
    {
        var text = await JsonExporterTests.Export(new TableExporter(), [Records.RequestLevel(), Records.Unpriced()]);

        Assert.DoesNotContain("\u001b[", text);
        foreach (var expected in new[] { "TTFT p99 ms", "48.50", "TPOT p50 ms", "goodput req/s", "10 %", "1.25 mix", "INVALID [1]", "VALID", "threads=2 conc=4", "60 W measured", "J/out tok", "1.41" })
            Assert.Contains(expected, text);
        Assert.Contains("[1] qwen chat threads=2 conc=4 on worker-1: CV 12 %", text);
    }

    [Fact]
    public async Task Micro_benchmarks_alone_get_no_latency_columns_and_no_results_say_so()
    {
        var micro = await JsonExporterTests.Export(new TableExporter(), [Records.Unpriced()]);
        var none = await JsonExporterTests.Export(new TableExporter(), []);

        Assert.DoesNotContain("TTFT", micro);
        Assert.DoesNotContain("J/out tok", micro);
        Assert.Contains("225.00", micro);
        Assert.Contains("no results", none);
    }

    [Fact]
    public void Every_format_has_its_exporter()
    {
        foreach (var format in Enum.GetValues<OutputFormat>())
            Assert.Equal(format, ResultExporters.For(format).Format);
        Assert.Equal("text/csv; charset=utf-8", ResultExporters.For(OutputFormat.Csv).ContentType);
    }
}
