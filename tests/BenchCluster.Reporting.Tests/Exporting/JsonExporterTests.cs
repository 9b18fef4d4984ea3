using System.Text.Json;
using BenchCluster.Reporting.Exporting;
using BenchCluster.Reporting.Records;

namespace BenchCluster.Reporting.Tests.Exporting;

public sealed class JsonExporterTests
{
    [Fact]
    public async Task Json_round_trips_every_field_of_the_records()
    {
        ResultRecord[] records = [Records.RequestLevel(), Records.Unpriced()];
        var json = await Export(new JsonExporter(), records);

        var back = JsonSerializer.Deserialize<ResultRecord[]>(json, ExportJson.Indented)!;

        Assert.Equal(2, back.Length);
        Assert.Equal(records[0].TtftMs, back[0].TtftMs);
        Assert.Equal(records[0].Cost, back[0].Cost);
        Assert.Equal(records[0].Settings, back[0].Settings);
        Assert.Equal(records[0].VerdictReasons, back[0].VerdictReasons);
        Assert.Equal(records[0].Metrics, back[0].Metrics);
        // Nothing lost or added: the records read back serialize to the same text.
        Assert.Equal(json, await Export(new JsonExporter(), back));
    }

    [Fact]
    public async Task Json_is_camel_case_and_writes_unknown_prices_as_null_not_zero()
    {
        using var document = JsonDocument.Parse(await Export(new JsonExporter(), [Records.Unpriced()]));
        var record = document.RootElement[0];

        Assert.Equal("pp512", record.GetProperty("scenario").GetString());
        var cost = record.GetProperty("cost");
        foreach (var name in new[] { "usdPerMTokInput", "usdPerMTokOutput", "usdPerMTokBlended", "usdPerMTokWorkload", "usdPerRequest", "usdPerHour" })
            Assert.Equal(JsonValueKind.Null, cost.GetProperty(name).ValueKind);
        Assert.Equal(JsonValueKind.Null, record.GetProperty("ttftMs").ValueKind);
        Assert.Equal(JsonValueKind.Null, record.GetProperty("energy").ValueKind);
    }

    [Fact]
    public async Task Json_energy_names_both_powers_and_which_one_priced()
    {
        using var document = JsonDocument.Parse(await Export(new JsonLinesExporter(), [Records.RequestLevel()]));
        var energy = document.RootElement.GetProperty("energy");

        Assert.Equal(80, energy.GetProperty("configuredWatts").GetDouble());
        Assert.Equal(60, energy.GetProperty("measuredWatts").GetDouble());
        Assert.Equal("measured:rapl:package-0", energy.GetProperty("source").GetString());
        Assert.True(energy.GetProperty("isMeasured").GetBoolean());
        Assert.Equal(60 / 42.5, energy.GetProperty("joulesPerOutputToken").GetDouble(), 9);
        Assert.Equal(42.5 / 60, energy.GetProperty("outputTokensPerJoule").GetDouble(), 9);
        Assert.Equal("nvml: libnvidia-ml.so.1 could not be loaded", energy.GetProperty("notes")[0].GetString());
    }

    [Fact]
    public async Task A_statistic_that_could_not_be_computed_is_written_as_null()
    {
        var record = Records.RequestLevel() with { TokensPerSecondCv = double.NaN, TokensPerSecondCiUpper = double.PositiveInfinity };

        using var document = JsonDocument.Parse(await Export(new JsonExporter(), [record]));

        Assert.Equal(JsonValueKind.Null, document.RootElement[0].GetProperty("tokensPerSecondCv").ValueKind);
        Assert.Equal(JsonValueKind.Null, document.RootElement[0].GetProperty("tokensPerSecondCiUpper").ValueKind);
    }

    [Fact]
    public async Task Json_lines_write_one_parseable_record_per_line()
    {
        var text = await Export(new JsonLinesExporter(), [Records.RequestLevel("a"), Records.RequestLevel("b")]);

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal(["a", "b"], lines.Select(l => JsonSerializer.Deserialize<ResultRecord>(l, ExportJson.Compact)!.Model));
    }

    [Fact]
    public async Task No_results_give_an_empty_array()
    {
        using var document = JsonDocument.Parse(await Export(new JsonExporter(), []));
        Assert.Equal(0, document.RootElement.GetArrayLength());
    }

    internal static async Task<string> Export(IResultExporter exporter, IReadOnlyList<ResultRecord> records)
    {
        using var writer = new StringWriter();
        await exporter.WriteAsync(records, writer);
        return writer.ToString();
    }
}
