using System.Diagnostics;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Workloads.Inputs;
using BenchCluster.Measurement.Workloads.Traces;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Measurement.Tests.Workloads;

public sealed class TraceReaderTests : IDisposable
{
    private const string AzureStyle = """
        TIMESTAMP,ContextTokens,GeneratedTokens
        2023-11-16 18:15:46.6805900,374,44
        2023-11-16 18:15:50.9951690,396,109
        2023-11-16 18:15:51.2000000,879,0
        2023-11-16 18:15:56.6805900,91,12
        2023-11-16 18:16:06.6805900,12,3
        """;

    private readonly WorkloadDataFiles files = new();

    public void Dispose() => files.Dispose();

    private TraceFile Read(string path, double scale = 1, double start = 0, double? window = null, int? max = null, TraceLimits? limits = null) =>
        TraceReader.Read(new TraceSpec { Path = path, TimeScale = scale, StartSeconds = start, WindowSeconds = window, MaxRequests = max }, files.Root, limits);

    private IReadOnlyList<string> Refused(string path, double start = 0, double? window = null) =>
        Assert.Throws<WorkloadInputException>(() => Read(path, start: start, window: window)).Problems;

    [Fact]
    public void Azure_datetime_timestamps_give_offsets_from_the_first_row_scaled_with_lengths_from_the_columns()
    {
        var path = files.Write("traces/azure.csv", AzureStyle);

        var trace = Read(path, scale: 0.5);

        Assert.Equal([0L, 2_157_289_500, 2_259_705_000, 5_000_000_000, 10_000_000_000], trace.Requests.Select(r => r.OffsetNs));
        Assert.Equal([374, 396, 879, 91, 12], trace.Requests.Select(r => r.ContextTokens));
        Assert.Equal([44, 109, 1, 12, 3], trace.Requests.Select(r => r.GeneratedTokens));
        Assert.Equal([2, 3, 4, 5, 6], trace.Requests.Select(r => r.Line));
        Assert.Equal(files.Sha256(path), trace.Input.Sha256);
        Assert.Equal(5, trace.Input.Records);
    }

    [Fact]
    public void A_window_starts_its_offsets_at_its_own_first_row_and_max_requests_cuts_it()
    {
        var path = files.Write("seconds.csv", "id,TIMESTAMP,GeneratedTokens,ContextTokens\n1,100.0,5,50\n2,100.5,6,60\n3,102.0,7,70\n4,103.25,8,80\n5,110,9,90\n");

        var window = Read(path, start: 0.5, window: 3);
        var capped = Read(path, scale: 2, max: 2);

        Assert.Equal([0L, 1_500_000_000, 2_750_000_000], window.Requests.Select(r => r.OffsetNs));
        Assert.Equal([60, 70, 80], window.Requests.Select(r => r.ContextTokens));
        Assert.Equal([6, 7, 8], window.Requests.Select(r => r.GeneratedTokens));
        Assert.Equal([0L, 1_000_000_000], capped.Requests.Select(r => r.OffsetNs));
        Assert.Equal(files.Sha256(path), capped.Input.Sha256);
    }

    [Fact]
    public void Unsorted_negative_non_numeric_and_short_rows_are_refused_with_their_line_numbers()
    {
        var clock = Stopwatch.StartNew();
        var unsorted = Refused(files.Write("unsorted.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n1.0,10,5\n3.0,10,5\n2.0,10,5\n4.0,10,5\n"));
        Assert.Equal("unsorted.csv:4: TIMESTAMP 2.0 is earlier than line 3's; sort the trace by TIMESTAMP", unsorted[0]);
        var negative = Refused(files.Write("negative.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n-1.5,10,5\n"));
        Assert.Equal("negative.csv:2: TIMESTAMP -1.5 is negative; give seconds from 0 (any origin); fix or remove the row", Assert.Single(negative));
        var bad = Refused(files.Write("bad.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n1,ten,5\n2,10,-3\n3,10\n2023-11-16 18:15:46,10,5\n4,0,5\n"));
        Assert.Equal(5, bad.Count);
        Assert.StartsWith("bad.csv:2: ContextTokens 'ten' is not a whole number", bad[0], StringComparison.Ordinal);
        Assert.StartsWith("bad.csv:3: GeneratedTokens '-3' is not a whole number", bad[1], StringComparison.Ordinal);
        Assert.StartsWith("bad.csv:4: has 2 fields", bad[2], StringComparison.Ordinal);
        Assert.StartsWith("bad.csv:5: TIMESTAMP '2023-11-16 18:15:46' is not a number of seconds", bad[3], StringComparison.Ordinal);
        Assert.StartsWith("bad.csv:6: ContextTokens '0' is not a whole number from 1", bad[4], StringComparison.Ordinal);
        var dates = Refused(files.Write("dates.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.1,10,5\n17.5,10,5\n"));
        Assert.StartsWith("dates.csv:3: TIMESTAMP '17.5' is not a date and time", Assert.Single(dates), StringComparison.Ordinal);
        ReliabilityLog.BadInput(new BadInputRecord("trace file", "unsorted, negative, non-numeric and negative counts, short row, seconds after dates and dates after seconds", 7,
            $"refused before the run, each naming file:line and the fix, in {clock.Elapsed.TotalMilliseconds:F0} ms",
            nameof(Unsorted_negative_non_numeric_and_short_rows_are_refused_with_their_line_numbers)));
    }

    [Fact]
    public void Missing_columns_an_empty_trace_and_an_empty_window_are_refused_naming_the_fix()
    {
        var clock = Stopwatch.StartNew();
        var columns = Assert.Single(Refused(files.Write("columns.csv", "time,ContextTokens,tokens_out\n1,2,3\n")));
        Assert.Equal("columns.csv:1: the header lacks TIMESTAMP, GeneratedTokens (it has time,ContextTokens,tokens_out); the first line must name TIMESTAMP, ContextTokens and GeneratedTokens", columns);
        Assert.Equal("header.csv: the trace has a header but no rows; add rows of TIMESTAMP, ContextTokens, GeneratedTokens",
            Assert.Single(Refused(files.Write("header.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n"))));
        var empty = Assert.Single(Refused(files.Write("window.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n0,10,5\n4,10,5\n"), start: 10, window: 5));
        Assert.Equal("window.csv: no rows in the window from start_s 10 for 5 s (the trace spans 4 s); choose start_s / window_s inside it", empty);
        Assert.Contains("the file is empty", Assert.Single(Refused(files.Write("nothing.csv", ""))), StringComparison.Ordinal);
        var rows = Assert.Throws<WorkloadInputException>(() => Read(files.Write("long.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n" + string.Concat(Enumerable.Range(0, 50).Select(i => $"{i},1,1\n"))), start: 100, limits: new TraceLimits { MaxRowsScanned = 20 }));
        Assert.Contains("more than 20 rows before the window ends", Assert.Single(rows.Problems), StringComparison.Ordinal);
        ReliabilityLog.BadInput(new BadInputRecord("trace file", "header without TIMESTAMP/GeneratedTokens, header only, window after the trace's end, empty file, rows beyond the scan bound", 5,
            $"refused before the run naming the columns found, the trace's span or the bound, in {clock.Elapsed.TotalMilliseconds:F0} ms",
            nameof(Missing_columns_an_empty_trace_and_an_empty_window_are_refused_naming_the_fix)));
    }
}
