using Npgsql;

namespace BenchCluster.Storage.Runs;

/// <summary>
/// The right to dispatch a run: one coordinator activation at a time holds a run's lease, under an epoch that fences
/// its claims (<see cref="Jobs.JobStore.ClaimAsync(IReadOnlyList{Jobs.JobClaim}, CancellationToken)"/>). A holder renews
/// the lease well before it runs out; another activation takes the run over only after that.
/// </summary>
public sealed class RunLeases(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Takes the unfinished run for <paramref name="owner"/> when nobody holds it (or the lease ran out, or
    /// <paramref name="owner"/> held it already); returns the new epoch, or null when another holder's lease is
    /// still running or the run is unknown or finished.
    /// </summary>
    public async Task<int?> TakeAsync(Guid runId, Guid owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE runs
            SET coordinator_epoch = coordinator_epoch + 1, coordinator_owner = @owner, coordinator_lease_until = now() + @lease
            WHERE run_id = @run_id AND status IN ('pending', 'running')
              AND (coordinator_lease_until IS NULL OR coordinator_lease_until < now() OR coordinator_owner = @owner)
            RETURNING coordinator_epoch
            """);
        command.With("run_id", runId).With("owner", owner).With("lease", lease);
        return await command.ExecuteScalarAsync(cancellationToken) is int epoch ? epoch : null;
    }

    /// <summary>Extends the lease of the holder of <paramref name="epoch"/>; false when the run was taken over (or finished).</summary>
    public async Task<bool> RenewAsync(Guid runId, int epoch, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE runs SET coordinator_lease_until = now() + @lease
            WHERE run_id = @run_id AND coordinator_epoch = @epoch AND status IN ('pending', 'running')
            """);
        command.With("run_id", runId).With("epoch", epoch).With("lease", lease);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Gives the lease up (the activation is going away), so the next one need not wait for it to run out.</summary>
    public async Task ReleaseAsync(Guid runId, int epoch, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE runs SET coordinator_lease_until = NULL WHERE run_id = @run_id AND coordinator_epoch = @epoch");
        command.With("run_id", runId).With("epoch", epoch);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
