using System.CommandLine;
using System.Globalization;
using BenchCluster.IngestBench;

var connection = new Option<string>("--connection", "-c")
{
    Description = "Npgsql connection string of a role that may create databases (infra/postgres.sh url prints one); default $BENCHCLUSTER_POSTGRES",
    DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BENCHCLUSTER_POSTGRES") ?? "",
};
var batchRows = new Option<int>("--batch-rows") { Description = "sample rows per write call (one job's batch)", DefaultValueFactory = _ => 5_000 };
var copyBatches = new Option<int>("--copy-batches") { Description = "batches per timed COPY set", DefaultValueFactory = _ => 8 };
var insertBatches = new Option<int>("--insert-batches") { Description = "batches per timed INSERT set", DefaultValueFactory = _ => 2 };
var rounds = new Option<int>("--rounds", "-r") { Description = "interleaved rounds (each times both paths for each row shape)", DefaultValueFactory = _ => 5 };
var events = new Option<int>("--events") { Description = "events per streamed row (the length of both arrays)", DefaultValueFactory = _ => 128 };

var root = new RootCommand("Sample ingestion rate into Postgres: binary COPY through a staging table (SampleWriter) vs one prepared INSERT per row, same fence and keys.")
{
    connection, batchRows, copyBatches, insertBatches, rounds, events,
};
root.SetAction(async (result, cancellationToken) =>
{
    var connectionString = result.GetValue(connection);
    if (string.IsNullOrWhiteSpace(connectionString))
    {
        Console.Error.WriteLine("ingest-bench: no server given; pass --connection \"$(infra/postgres.sh url)\" after infra/postgres.sh start, or set BENCHCLUSTER_POSTGRES.");
        return 2;
    }
    var options = new IngestOptions(result.GetValue(batchRows), result.GetValue(copyBatches), result.GetValue(insertBatches), result.GetValue(rounds), result.GetValue(events));
    RowShape[] shapes = [RowShape.Micro, RowShape.Streamed(options.Events)];

    await using var scratch = await BenchDatabase.CreateAsync(connectionString);
    Console.Error.WriteLine($"ingest-bench: {await scratch.DescribeServerAsync()}; {Environment.ProcessorCount} cores; {options}");
    var measurements = await new IngestBenchmark(scratch.Database, options).RunAsync(shapes, m =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ingest-bench: round {m.Round} {m.Shape,-13} {m.Path,-6} {m.Rows,7} rows in {m.Seconds,7:0.000} s = {m.RowsPerSecond,10:N0} rows/s")), cancellationToken);

    Console.WriteLine(ResultTable.Render(measurements, await scratch.StoredBytesPerRowAsync()));
    foreach (var shape in shapes)
        Console.WriteLine($"- {shape.Name}: {shape.Description}");
    return 0;
});
return await root.Parse(args).InvokeAsync();
