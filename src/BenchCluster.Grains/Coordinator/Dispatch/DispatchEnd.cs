namespace BenchCluster.Grains.Coordinator.Dispatch;

/// <summary>Why a dispatcher stopped.</summary>
public enum DispatchEnd
{
    /// <summary>No job is left to dispatch; every job is final unless <see cref="RunDispatcher.MissingPoints"/> says otherwise.</summary>
    Finished,
    /// <summary>The run was cancelled (or the activation is going away).</summary>
    Cancelled,
    /// <summary>Another coordinator took the run over; this one dispatched nothing more.</summary>
    OwnershipLost,
}
