using System.Diagnostics;
using System.Globalization;
using BenchCluster.ClusterBench;

// cluster-bench [JOBS] [JOBS_PER_NODE...]: JOBS no-op jobs (default 10,000) over two worker silo processes, once per
// dispatch width (default: 1, the measuring default, and 8). Needs the checkout's infra/postgres.sh.
var jobs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var widths = args.Length > 1 ? args.Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1, 8];

var postgres = await BenchPostgres.StartAsync();
Console.WriteLine($"cluster-bench: {jobs:N0} no-op jobs over 2 workers; Postgres {postgres.Describe()}");
var results = new List<(int Width, BenchResult Result)>();
foreach (var width in widths)
{
    var result = await OverheadRun.RunAsync(postgres, jobs, width);
    results.Add((width, result));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"jobs per node {width,2}: {result.Jobs:N0} jobs in {result.Elapsed.TotalSeconds:0.00} s = {result.JobsPerSecond:N0} jobs/s; " +
        $"{result.SampleRows:N0} sample rows, {result.ResultRows} result rows, {result.DuplicateAttempts} jobs with samples under two attempts"));
}
var reference = results[0];
foreach (var (width, result) in results.Skip(1))
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio jobs/s at {width} per node vs {reference.Width}: {result.JobsPerSecond / reference.Result.JobsPerSecond:0.00}x"));
return 0;
