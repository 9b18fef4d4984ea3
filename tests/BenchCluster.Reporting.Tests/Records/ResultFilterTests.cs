using System.Diagnostics;
using BenchCluster.Reporting.Records;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Reporting.Tests.Records;

public sealed class ResultFilterTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("24h", 24 * 3600)]
    [InlineData("90m", 90 * 60)]
    [InlineData("7d", 7 * 86400)]
    [InlineData("2w", 14 * 86400)]
    [InlineData("30s", 30)]
    public void Since_takes_a_duration_back_from_now(string text, int seconds) =>
        Assert.Equal(Now.AddSeconds(-seconds), ResultFilter.ParseSince(text, Now));

    [Fact]
    public void Since_takes_a_timestamp_read_as_utc_without_an_offset()
    {
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), ResultFilter.ParseSince("2026-12-01", Now));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero), ResultFilter.ParseSince("2026-12-01T08:00:00+02:00", Now));
    }

    [Fact]
    public void A_huge_duration_reaches_back_to_the_beginning_instead_of_overflowing() =>
        Assert.Equal(DateTimeOffset.MinValue, ResultFilter.ParseSince("99999999d", Now));

    [Fact]
    public void Since_and_verdict_refuse_what_they_cannot_read_with_the_forms_they_accept()
    {
        string[] bad = ["yesterday", "24", "h", "-5h", "24x", "1e9h", ""];
        var clock = Stopwatch.StartNew();
        foreach (var text in bad)
        {
            var error = Assert.Throws<FormatException>(() => ResultFilter.ParseSince(text, Now));
            Assert.Contains("24h", error.Message);
        }
        var verdict = Assert.Throws<FormatException>(() => ResultFilter.ParseVerdict("maybe"));
        Assert.Contains("VALID nor INVALID", verdict.Message);
        Assert.Equal("INVALID", ResultFilter.ParseVerdict(" invalid "));
        ReliabilityLog.BadInput(new BadInputRecord("cli option", "results --since/--verdict: words, bare numbers, negative and exponent durations",
            bad.Length + 1, $"FormatException naming the accepted forms, {clock.Elapsed.TotalMilliseconds:0.#} ms for all", nameof(Since_and_verdict_refuse_what_they_cannot_read_with_the_forms_they_accept)));
    }
}
