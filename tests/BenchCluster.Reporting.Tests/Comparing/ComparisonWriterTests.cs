using System.Text.Json;
using BenchCluster.Reporting.Comparing.Writing;
using static BenchCluster.Reporting.Tests.Comparing.ComparisonRecords;

namespace BenchCluster.Reporting.Tests.Comparing;

public sealed class ComparisonWriterTests
{
    private static async Task<string> WriteAsync(ComparisonFormat format)
    {
        var report = Compare(
            [Record("tg128", [100, 101, 99]), Record("pp|512", [200, 201, 199]), Record("gone", [1, 1.1, 0.9])],
            [Record("tg128", [80, 81, 79]), Record("pp|512", [200, 201, 199])]);
        using var output = new StringWriter();
        await ComparisonWriter.WriteAsync(report, format, output);
        return output.ToString();
    }

    [Fact]
    public async Task Markdown_heads_with_the_regressions_and_escapes_names()
    {
        var markdown = await WriteAsync(ComparisonFormat.Markdown);

        Assert.StartsWith("### ❌ 1 performance regression(s)", markdown, StringComparison.Ordinal);
        Assert.Contains("| tiny/tg128 | worker-1 | 100.0 | 80.0 | 0.800× | -20.0 % | <0.001 |", markdown, StringComparison.Ordinal);
        Assert.Contains("**REGRESSION**", markdown, StringComparison.Ordinal);
        Assert.Contains("tiny/pp\\|512", markdown, StringComparison.Ordinal);
        Assert.Contains("- only in base: tiny/gone on worker-1", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_is_camel_case_with_verdicts_as_words()
    {
        using var document = JsonDocument.Parse(await WriteAsync(ComparisonFormat.Json));
        var root = document.RootElement;

        Assert.True(root.GetProperty("hasRegressions").GetBoolean());
        Assert.Equal(0.05, root.GetProperty("threshold").GetDouble());
        var points = root.GetProperty("points").EnumerateArray().ToList();
        var slow = points.Single(p => p.GetProperty("pointLabel").GetString() == "tiny/tg128");
        Assert.Equal("Slower", slow.GetProperty("verdict").GetString());
        Assert.True(slow.GetProperty("isRegression").GetBoolean());
        Assert.Equal(3, slow.GetProperty("newValues").GetArrayLength());
        Assert.Equal("tiny/gone", root.GetProperty("onlyInBase")[0].GetProperty("pointLabel").GetString());
    }

    [Fact]
    public async Task Table_shows_every_point_and_the_summary()
    {
        var table = await WriteAsync(ComparisonFormat.Table);

        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("base: aaaaaaaa-0000-0000-0000-000000000001 (main)", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("tiny/tg128", StringComparison.Ordinal) && l.Contains("REGRESSION", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("tiny/pp|512", StringComparison.Ordinal) && l.Contains("Same", StringComparison.Ordinal));
        Assert.StartsWith("2 matched point(s): 0 faster, 1 slower, 1 same, 0 unknown; 1 regression(s)", lines[^1], StringComparison.Ordinal);
    }
}
