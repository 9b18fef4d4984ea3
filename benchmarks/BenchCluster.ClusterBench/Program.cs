using System.Globalization;
using BenchCluster.ClusterBench;

// cluster-bench [JOBS] [JOBS_PER_NODE...]   JOBS no-op jobs (default 10,000) over two worker silo processes, once per
//                                           dispatch width (default: 1, the measuring default, and 8)
// cluster-bench detect [REPETITIONS]        time until a SIGKILLed and a SIGSTOPped worker leave the cluster's view
// Needs the checkout's infra/postgres.sh (it starts the private Postgres under .data/postgres).
var postgres = await BenchPostgres.StartAsync();
if (args.FirstOrDefault() == "detect")
{
    var repetitions = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
    foreach (var signal in new[] { "KILL", "STOP" })
    {
        var seconds = new List<double>();
        for (var i = 0; i < repetitions; i++)
            seconds.Add((await FailureDetection.MeasureAsync(postgres, signal)).TotalSeconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"SIG{signal}: worker dropped from the cluster after {string.Join(", ", seconds.Select(s => s.ToString("0.00", CultureInfo.InvariantCulture)))} s (mean {seconds.Average():0.00} s)"));
    }
    return 0;
}

var jobs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var widths = args.Length > 1 ? args.Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1, 8];
Console.WriteLine($"cluster-bench: {jobs:N0} no-op jobs over 2 workers; Postgres {postgres.Describe()}");
var results = new List<(int Width, BenchResult Result)>();
foreach (var width in widths)
{
    var result = await OverheadRun.RunAsync(postgres, jobs, width);
    results.Add((width, result));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"jobs per node {width,2}: {result.Jobs:N0} jobs in {result.Elapsed.TotalSeconds:0.00} s = {result.JobsPerSecond:N0} jobs/s; " +
        $"{result.SampleRows:N0} sample rows, {result.ResultRows} result rows, {result.DuplicateAttempts} jobs with samples under two attempts"));
    Console.WriteLine($"    CPU used: {result.CpuByProcess}");
}
var reference = results[0];
foreach (var (width, result) in results.Skip(1))
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio jobs/s at {width} per node vs {reference.Width}: {result.JobsPerSecond / reference.Result.JobsPerSecond:0.00}x"));
return 0;
