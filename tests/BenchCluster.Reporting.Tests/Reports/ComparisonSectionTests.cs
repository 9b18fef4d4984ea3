using BenchCluster.Reporting.Comparing;
using BenchCluster.Reporting.Records;
using BenchCluster.Reporting.Reports;
using BenchCluster.Reporting.Tests.Plots;

namespace BenchCluster.Reporting.Tests.Reports;

public sealed class ComparisonSectionTests
{
    private static ResultRecord Point(string scenario, params double[] repetitions) =>
        SampleRecords.Micro("qwen", "Q4_0", scenario, 2, repetitions.Average()) with { RepetitionValues = repetitions };

    private static ComparisonReport Comparison(string? hostileNode = null)
    {
        IReadOnlyList<ResultRecord> baseRun = [Point("tg32", 50, 51, 49, 50.5), Point("pp64", 400, 402, 398, 401)];
        IReadOnlyList<ResultRecord> newRun = [Point("tg32", 40, 41, 39, 40.5), Point("pp64", 401, 399, 400, 402)];
        if (hostileNode is not null)
        {
            baseRun = baseRun.Select(r => r with { Node = hostileNode }).ToList();
            newRun = newRun.Select(r => r with { Node = hostileNode }).ToList();
        }
        return RunComparer.Compare(
            new ComparedRun { RunId = Guid.Parse("00000000-0000-0000-0000-0000000000b1"), Reference = "main", SuiteName = "demo" }, baseRun,
            new ComparedRun { RunId = SampleRecords.RunId, Reference = SampleRecords.RunId.ToString(), SuiteName = "demo" }, newRun);
    }

    [Fact]
    public void Report_with_a_base_run_shows_ratios_confidence_and_marks_the_regression()
    {
        var input = new ReportInput { Run = SampleRecords.Run(), Records = [Point("tg32", 40, 41, 39, 40.5), Point("pp64", 401, 399, 400, 402)], Comparison = Comparison() };

        var report = ReportBuilder.Build(input);

        Assert.Contains($"<h2 id=\"{ComparisonSection.Id}\">{ComparisonSection.Title}</h2>", report.Html);
        Assert.Contains("1 performance regression(s) against the base run", report.Html);
        var regressionRow = System.Text.RegularExpressions.Regex.Match(report.Html, "<tr class=\"regression\">.*?</tr>").Value;
        Assert.Contains("qwen/tg32[threads=2]", regressionRow);
        Assert.Contains("0.800×", regressionRow);
        Assert.Contains("REGRESSION", regressionRow);
        Assert.DoesNotContain("pp64", regressionRow);
        Assert.Contains("## " + ComparisonSection.Title, report.Markdown);
        Assert.Contains("| qwen/tg32\\[threads=2\\] | worker-1 | 50.1 | 40.1 | 0.800× |", report.Markdown);
    }

    [Fact]
    public void Report_without_a_base_run_has_no_comparison_section()
    {
        var report = ReportBuilder.Build(new ReportInput { Run = SampleRecords.Run(), Records = [Point("tg32", 40, 41, 39)] });

        Assert.DoesNotContain(ComparisonSection.Title, report.Html);
        Assert.DoesNotContain(ComparisonSection.Title, report.Markdown);
    }

    [Fact]
    public void Hostile_node_names_in_the_comparison_are_escaped()
    {
        var section = ComparisonSection.From(Comparison("<img src=x onerror=alert(1)>|x"));

        Assert.DoesNotContain("<img", section.Html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;|x", section.Html);
        Assert.DoesNotContain("<img", section.Markdown);
        Assert.Contains("&lt;img src=x onerror=alert\\(1\\)&gt;\\|x", section.Markdown);
    }
}
