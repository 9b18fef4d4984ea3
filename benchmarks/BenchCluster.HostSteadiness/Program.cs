using System.CommandLine;
using System.Globalization;
using BenchCluster.HostSteadiness;
using BenchCluster.Measurement.Provenance;

var seconds = new Option<int>("--seconds", "-s") { Description = "how long the loop runs (60–3600)", DefaultValueFactory = _ => 240 };
var threads = new Option<int>("--threads", "-t") { Description = "loop threads, one per core measured (1–256)", DefaultValueFactory = _ => 2 };
var window = new Option<double>("--window") { Description = "seconds one emulated repetition times (the quick start's pp128 at 2 threads: about 1.2)", DefaultValueFactory = _ => 1.2 };
var spacing = new Option<double>("--spacing") { Description = "seconds between one point's repetitions (the quick start's: about 20)", DefaultValueFactory = _ => 20 };
var repetitions = new Option<int>("--repetitions", "-r") { Description = "repetitions per emulated point", DefaultValueFactory = _ => 5 };
var points = new Option<int>("--points") { Description = "points interleaved within one spacing (the quick start has 4)", DefaultValueFactory = _ => 4 };
var maxCv = new Option<double>("--max-cv") { Description = "the verdict's max_cv, judged on the CV's upper 95 % bound", DefaultValueFactory = _ => 0.10 };
var llamaBench = new Option<FileInfo?>("--llama-bench") { Description = "instead of running the loop, read one test's repetitions from a llama-bench -o json file (run it with many -r) and judge those" };

var root = new RootCommand(
    """
    How steady is this machine's CPU? Runs a fixed integer loop on N threads (no memory traffic, the same work in every
    5 ms chunk) and reports its work per second, then asks how often repetitions placed like the quick start's would
    pass the verdict's CV rule if the work were this loop's. The loop never changes, so every failure is the machine's
    (another process, the hypervisor's host, frequency changes), not the code measured. Run it with nothing else running.
    With --llama-bench, the same questions are asked of llama.cpp's own tool: its repetitions of one test, back to back.
    """)
{
    seconds, threads, window, spacing, repetitions, points, maxCv, llamaBench,
};
root.SetAction(result =>
{
    var options = new SteadinessOptions(
        TimeSpan.FromSeconds(result.GetValue(seconds)), result.GetValue(threads), TimeSpan.FromSeconds(result.GetValue(window)),
        TimeSpan.FromSeconds(result.GetValue(spacing)), result.GetValue(repetitions), result.GetValue(points), result.GetValue(maxCv));
    if (options.Duration.TotalSeconds is < 60 or > 3600 || options.Threads is < 1 or > 256 || options.Window.TotalSeconds is < 0.1 or > 60
        || options.Spacing < options.Window || options.Repetitions is < 2 or > 100 || options.Points is < 1 or > 64 || options.MaxCv is <= 0 or >= 1)
    {
        Console.Error.WriteLine("host-steadiness: out of range: --seconds 60–3600, --threads 1–256, --window 0.1–60, --spacing ≥ --window, --repetitions 2–100, --points 1–64, --max-cv between 0 and 1");
        return 2;
    }
    if (result.GetValue(llamaBench) is { } file)
    {
        try
        {
            var samples = LlamaBenchTimeline.Read(file.FullName);
            Console.WriteLine($"## llama-bench steadiness: {samples.Test}, {samples.Rates.Count} repetitions back to back ({file.Name})");
            Console.Write(new SteadinessReport(samples).Render(options));
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"host-steadiness: {e.Message}");
            return 2;
        }
    }
    var chunk = TimeSpan.FromMilliseconds(5);
    var iterations = FixedWorkLoop.Calibrate(chunk);
    var maxChunks = (int)(options.Duration / chunk * 4) + 1_000;
    var stealBefore = (ActivityCounters.ReadStealTicks() ?? 0);
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"host-steadiness: {options.Threads} thread(s) × {options.Duration.TotalSeconds:0} s of a fixed loop ({iterations:N0} iterations ≈ 5 ms per chunk), {Environment.ProcessorCount} cores ..."));
    var ends = FixedWorkLoop.Run(options.Threads, iterations, options.Duration, maxChunks, out var start);
    var steal = (ActivityCounters.ReadStealTicks() ?? 0) - stealBefore;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"## host steadiness: {options.Threads} thread(s), {options.Duration.TotalSeconds:0} s, {Environment.ProcessorCount} cores, steal time reported by the kernel: {steal} ticks"));
    Console.Write(new SteadinessReport(new LoopTimeline(ends, start, options.Duration)).Render(options));
    return 0;
});
return await root.Parse(args).InvokeAsync();
