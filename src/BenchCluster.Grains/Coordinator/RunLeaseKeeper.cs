using BenchCluster.Storage.Resilience;
using BenchCluster.Storage.Runs;
using Microsoft.Extensions.Logging;

namespace BenchCluster.Grains.Coordinator;

/// <summary>
/// Renews a coordinator activation's lease on a run (a grain timer, three times per lease). When the renewal finds
/// the run taken over, the activation's dispatch is cancelled at once; a renewal that fails because Postgres is away
/// is only logged: nobody can take the run over without Postgres either.
/// </summary>
internal sealed class RunLeaseKeeper : IDisposable
{
    private const int RenewalsPerLease = 3;

    private readonly SuiteGrain _grain;
    private readonly RunLeases _leases;
    private readonly Guid _runId;
    private readonly int _epoch;
    private readonly TimeSpan _lease;
    private readonly CancellationTokenSource _dispatch;
    private readonly ILogger _logger;
    private readonly IGrainTimer _timer;

    public RunLeaseKeeper(SuiteGrain grain, RunLeases leases, Guid runId, int epoch, TimeSpan lease, CancellationTokenSource dispatch, ILogger logger)
    {
        (_grain, _leases, _runId, _epoch, _lease, _dispatch, _logger) = (grain, leases, runId, epoch, lease, dispatch, logger);
        var period = lease / RenewalsPerLease;
        _timer = grain.RegisterGrainTimer(RenewAsync, new GrainTimerCreationOptions { DueTime = period, Period = period, KeepAlive = false });
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await _leases.RenewAsync(_runId, _epoch, _lease, cancellationToken))
                return;
            _grain.OnLeaseLost();
            _timer.Dispose();
            await _dispatch.CancelAsync();
        }
        catch (Exception e) when (TransientPostgresError.Is(e))
        {
            _logger.LogWarning("run {RunId}: could not renew the coordinator lease ({Error})", _runId, TransientPostgresError.Describe(e));
        }
    }

    /// <summary>Gives the run up at once (the activation is going away), so the next coordinator need not wait for the lease to run out.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        _timer.Dispose();
        try
        {
            await _leases.ReleaseAsync(_runId, _epoch, cancellationToken);
        }
        catch (Exception e) when (TransientPostgresError.Is(e) || e is OperationCanceledException)
        {
            _logger.LogWarning("run {RunId}: could not release the coordinator lease ({Error}); it runs out by itself", _runId, e.Message);
        }
    }

    public void Dispose() => _timer.Dispose();
}
