using BenchCluster.Hosting.Restart;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;

namespace BenchCluster.Cluster.Tests.Unit;

/// <summary>The pieces of the in-process restart that need no cluster: the delay schedule and the fatal-error signal.</summary>
public sealed class SiloRestartTests
{
    [Fact]
    public void Restarts_that_follow_quickly_double_the_delay_up_to_the_cap_and_a_healthy_silo_resets_it()
    {
        var backoff = new RestartBackoff();
        var quick = TimeSpan.FromSeconds(5);

        var delays = Enumerable.Range(0, 7).Select(_ => backoff.Next(quick).TotalSeconds).ToList();

        Assert.Equal([1, 2, 4, 8, 16, 30, 30], delays);
        Assert.Equal(RestartBackoff.First, backoff.Next(RestartBackoff.Healthy));
        Assert.Equal(TimeSpan.FromSeconds(2), backoff.Next(quick));
    }

    [Fact]
    public void A_fatal_error_stops_the_host_instead_of_the_process_and_keeps_the_first_reason()
    {
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        var signal = new SiloRestartSignal(lifetime, NullLogger<SiloRestartSignal>.Instance);
        Assert.Null(signal.Reason);

        signal.OnFatalException(this, "I have been told I am dead, so this silo will stop!");
        signal.OnFatalException(this, "a later complaint");

        Assert.True(lifetime.ApplicationStopping.IsCancellationRequested);
        Assert.Equal("I have been told I am dead, so this silo will stop!", signal.Reason);
        Assert.True(signal.IsUnexpected(new InvalidOperationException()));
    }
}
