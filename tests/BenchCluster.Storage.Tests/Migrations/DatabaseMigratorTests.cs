using BenchCluster.Storage.Migrations;
using BenchCluster.Testing;

namespace BenchCluster.Storage.Tests.Migrations;

public sealed class DatabaseMigratorTests
{
    [Fact]
    public void Embeds_every_script_of_infra_sql_in_version_order()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Infra, "sql"), "V*.sql").Select(Path.GetFileName).Order().ToList();

        Assert.Equal(files, DatabaseMigrator.Scripts.Select(s => s.FileName));
        Assert.Equal(DatabaseMigrator.Scripts.Select(s => s.Version).Order(), DatabaseMigrator.Scripts.Select(s => s.Version));
    }

    [Fact]
    public async Task Applies_every_script_once_and_nothing_the_second_time()
    {
        await using var test = await PostgresServer.CreateDatabaseAsync(migrate: false);

        var first = await DatabaseMigrator.MigrateAsync(test.DataSource);
        var second = await DatabaseMigrator.MigrateAsync(test.DataSource);

        Assert.Equal(DatabaseMigrator.Scripts.Select(s => s.Version), first.Select(s => s.Version));
        Assert.Empty(second);
        Assert.Equal(DatabaseMigrator.Scripts.Count, await StorageTestData.CountAsync(test.Database, "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Concurrent_migrations_apply_each_script_exactly_once()
    {
        const int Migrators = 4;
        await using var test = await PostgresServer.CreateDatabaseAsync(migrate: false);

        var applied = await Task.WhenAll(Enumerable.Range(0, Migrators)
            .Select(_ => Task.Run(() => DatabaseMigrator.MigrateAsync(test.DataSource))));

        Assert.Equal(DatabaseMigrator.Scripts.Select(s => s.Version), applied.SelectMany(a => a).Select(s => s.Version).Order());
        Assert.Single(applied, a => a.Count > 0);
    }

    [Fact]
    public async Task Refuses_a_database_whose_applied_script_was_edited_and_names_the_file()
    {
        await using var test = await PostgresServer.CreateDatabaseAsync();
        await using (var tamper = test.DataSource.CreateCommand("UPDATE schema_migrations SET checksum = 'deadbeefdeadbeef' WHERE version = 2"))
            await tamper.ExecuteNonQueryAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DatabaseMigrator.MigrateAsync(test.DataSource));

        Assert.Contains("V002__results_schema.sql", error.Message, StringComparison.Ordinal);
        Assert.Contains($"new V{DatabaseMigrator.Scripts[^1].Version + 1:D3}__", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_database_migrated_by_a_newer_build()
    {
        await using var test = await PostgresServer.CreateDatabaseAsync();
        await using (var future = test.DataSource.CreateCommand("INSERT INTO schema_migrations (version, name, checksum) VALUES (999, 'future', 'x')"))
            await future.ExecuteNonQueryAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DatabaseMigrator.MigrateAsync(test.DataSource));

        Assert.Contains("999", error.Message, StringComparison.Ordinal);
    }
}
