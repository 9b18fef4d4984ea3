using BenchCluster.Reporting.Exporting;

namespace BenchCluster.Reporting.Tests.Exporting;

public sealed class CsvExporterTests
{
    [Fact]
    public async Task Header_names_every_column_and_each_row_has_as_many_cells()
    {
        var text = await JsonExporterTests.Export(new CsvExporter(), [Records.RequestLevel(), Records.Unpriced()]);

        var rows = CsvReader.Parse(text);
        Assert.Equal(ResultCsvColumns.All.Select(c => c.Name), rows[0]);
        Assert.Contains("ttft_ms_p90", rows[0]);
        Assert.Contains("usd_per_mtok_blended", rows[0]);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(rows[0].Count, r.Count));
        Assert.Equal(ResultCsvColumns.All.Count, rows[0].Distinct().Count());
    }

    [Fact]
    public async Task Commas_quotes_and_line_breaks_in_a_value_stay_inside_their_cell()
    {
        const string reason = "CV 12 % > max_cv 10 %, \"noisy\"\nrerun";
        var text = await JsonExporterTests.Export(new CsvExporter(), [Records.RequestLevel("m,\"x\"", reason)]);

        var rows = CsvReader.Parse(text);
        var row = rows[1];
        Assert.Equal("m,\"x\"", row[rows[0].IndexOf("model")]);
        Assert.Equal(reason, row[rows[0].IndexOf("verdict_reasons")]);
        Assert.Equal("48.5", row[rows[0].IndexOf("ttft_ms_p99")]);
    }

    [Fact]
    public async Task An_unknown_price_is_an_empty_cell_not_zero()
    {
        var rows = CsvReader.Parse(await JsonExporterTests.Export(new CsvExporter(), [Records.Unpriced()]));

        foreach (var column in new[] { "usd_per_mtok_input", "usd_per_mtok_output", "usd_per_mtok_blended", "usd_per_request", "usd_per_hour", "ttft_ms_p50", "error_rate" })
            Assert.Equal("", rows[1][rows[0].IndexOf(column)]);
        Assert.Equal("225", rows[1][rows[0].IndexOf("tokens_per_s")]);
    }

    [Fact]
    public async Task Both_powers_the_one_that_priced_and_energy_per_output_token_have_columns()
    {
        var rows = CsvReader.Parse(await JsonExporterTests.Export(new CsvExporter(), [Records.RequestLevel(), Records.Unpriced()]));
        string Cell(int row, string column) => rows[row][rows[0].IndexOf(column)];

        Assert.Equal("80", Cell(1, "watts_configured"));
        Assert.Equal("60", Cell(1, "watts_measured"));
        Assert.Equal("measured:rapl:package-0", Cell(1, "watts_source"));
        Assert.Equal("rapl:package-0", Cell(1, "watts_measured_source"));
        Assert.StartsWith("1.41", Cell(1, "joules_per_output_token"), StringComparison.Ordinal);
        Assert.StartsWith("0.708", Cell(1, "output_tokens_per_joule"), StringComparison.Ordinal);
        Assert.Equal("nvml: libnvidia-ml.so.1 could not be loaded", Cell(1, "energy_notes"));
        foreach (var column in new[] { "watts", "watts_configured", "watts_measured", "joules_per_output_token", "output_tokens_per_joule" })
            Assert.Equal("", Cell(2, column));
    }

    [Fact]
    public void Cells_use_invariant_numbers_iso_times_and_quote_edge_spaces()
    {
        Assert.Equal("0.1", CsvText.Cell(0.1));
        Assert.Equal("", CsvText.Cell(double.NaN));
        Assert.Equal("true", CsvText.Cell(true));
        Assert.Equal("2026-12-06T00:00:00.0000000+00:00", CsvText.Cell(new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal("\" padded\"", CsvText.Cell(" padded"));
        Assert.Equal("plain", CsvText.Cell("plain"));
    }
}
