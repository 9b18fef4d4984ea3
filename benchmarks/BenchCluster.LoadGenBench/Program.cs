using System.CommandLine;
using BenchCluster.Remote;
using BenchCluster.LoadGenBench;
using BenchCluster.LoadGenBench.ServingParity;
using BenchCluster.Serving;

var rates = new Option<string>("--rates") { Description = "comma-separated requested rates, req/s", DefaultValueFactory = _ => "100,500,1000,2000" };
var seconds = new Option<double>("--seconds") { Description = "measured seconds per rate", DefaultValueFactory = _ => 10 };
var tokens = new Option<int>("--tokens") { Description = "tokens per response", DefaultValueFactory = _ => 4 };
var seed = new Option<int>("--seed") { Description = "arrival schedule seed of the first repetition", DefaultValueFactory = _ => 1 };
var repetitions = new Option<int>("--repetitions", "-r") { Description = "measured runs per rate, each with its own seed", DefaultValueFactory = _ => 3 };

var root = new RootCommand("Load generator accuracy: achieved vs requested Poisson rate, and the delay token timestamps carry, against a trivial local endpoint.")
{
    rates, seconds, tokens, seed, repetitions,
};
root.Subcommands.Add(ParityCommand.Create());
root.SetAction(async (result, cancellationToken) =>
{
    await using var server = new OpenAiCompatibleServer(new StampingBackend(), new OpenAiServerOptions
    {
        ModelName = StampingBackend.ModelName,
        Urls = ["http://127.0.0.1:0"],
    });
    await server.StartAsync(cancellationToken);
    await using var client = new OpenAiCompatibleBackend(new OpenAiCompatibleOptions { BaseUrl = server.ApiBaseUrl, Model = StampingBackend.ModelName });
    Console.Error.WriteLine($"loadgen-bench: trivial endpoint at {server.ApiBaseUrl}, {Environment.ProcessorCount} cores, load average {LoadAverage.Read()}");
    var results = new List<RateResult>();
    foreach (var rate in result.GetValue(rates)!.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => double.Parse(r, System.Globalization.CultureInfo.InvariantCulture)))
    {
        await RateRun.WarmUpAsync(client, server.ApiBaseUrl, rate, result.GetValue(tokens), cancellationToken);
        for (var repetition = 0; repetition < result.GetValue(repetitions); repetition++)
        {
            var measured = await RateRun.RunAsync(
                client, server.ApiBaseUrl, rate, result.GetValue(seconds), result.GetValue(tokens), result.GetValue(seed) + repetition, cancellationToken);
            Console.Error.WriteLine($"loadgen-bench: {rate} req/s → {measured.AchievedRate:0.0} req/s ({measured.RateErrorPercent:+0.00;-0.00;0.00} %), "
                + $"send lag p99 {measured.SendLagMs.P99:0.000} ms, token delay p99 {measured.TokenDelayMs.P99:0.000} ms");
            results.Add(measured);
        }
    }
    await server.StopAsync(cancellationToken);
    Console.WriteLine(ResultTable.Render(results));
    Console.WriteLine($"load average after the run: {LoadAverage.Read()}");
    return 0;
});
return await root.Parse(args).InvokeAsync();
