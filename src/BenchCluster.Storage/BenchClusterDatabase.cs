using BenchCluster.Storage.Jobs;
using BenchCluster.Storage.Migrations;
using BenchCluster.Storage.Models;
using BenchCluster.Storage.Nodes;
using BenchCluster.Storage.Queries;
using BenchCluster.Storage.Results;
using BenchCluster.Storage.Runs;
using BenchCluster.Storage.Samples;
using Npgsql;

namespace BenchCluster.Storage;

/// <summary>The results database of one process: one <see cref="NpgsqlDataSource"/> (connection pool) and the stores over it.</summary>
public sealed class BenchClusterDatabase : IAsyncDisposable
{
    private BenchClusterDatabase(NpgsqlDataSource dataSource)
    {
        DataSource = dataSource;
        Runs = new RunStore(dataSource);
        RunLeases = new RunLeases(dataSource);
        Jobs = new JobStore(dataSource);
        Samples = new SampleWriter(dataSource);
        StoredSamples = new SampleReader(dataSource);
        FinishedJobs = new FinishedJobWriter(dataSource, Samples);
        Results = new ResultStore(dataSource);
        Nodes = new NodeStore(dataSource);
        Models = new ModelStore(dataSource);
        Queries = new ResultQueries(dataSource);
        Requests = new RequestQueries(dataSource);
    }

    public NpgsqlDataSource DataSource { get; }
    public RunStore Runs { get; }
    public RunLeases RunLeases { get; }
    public JobStore Jobs { get; }
    public SampleWriter Samples { get; }
    public SampleReader StoredSamples { get; }
    public FinishedJobWriter FinishedJobs { get; }
    public ResultStore Results { get; }
    public NodeStore Nodes { get; }
    public ModelStore Models { get; }
    public ResultQueries Queries { get; }
    public RequestQueries Requests { get; }

    /// <summary>Opens (lazily) the database named by an Npgsql connection string, e.g. the output of <c>infra/postgres.sh url</c>.</summary>
    public static BenchClusterDatabase Create(string connectionString)
    {
        NpgsqlDataSourceBuilder builder;
        try
        {
            builder = new NpgsqlDataSourceBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            // The message leaves the string out: it holds a password.
            throw new ArgumentException(
                $"The Postgres connection string is not valid: {e.Message}. Expected Host=…;Port=…;Username=…;Password=…;Database=… (infra/postgres.sh url prints one).",
                nameof(connectionString), e);
        }
        return new BenchClusterDatabase(builder.Build());
    }

    /// <summary>Applies the migrations this database has not seen; returns those applied now.</summary>
    public Task<IReadOnlyList<MigrationScript>> MigrateAsync(CancellationToken cancellationToken = default) =>
        DatabaseMigrator.MigrateAsync(DataSource, cancellationToken);

    /// <summary>Checks that the schema is this build's without changing it (for roles that may not migrate).</summary>
    public Task CheckSchemaAsync(CancellationToken cancellationToken = default) =>
        DatabaseMigrator.CheckCurrentAsync(DataSource, cancellationToken);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
