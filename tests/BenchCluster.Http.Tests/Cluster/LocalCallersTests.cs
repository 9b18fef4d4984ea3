using BenchCluster.Hosting.Identity;

namespace BenchCluster.Http.Tests.Cluster;

public sealed class LocalCallersTests
{
    [Fact]
    public void A_ticket_names_its_caller_once_and_nothing_else_names_anyone()
    {
        var callers = new LocalCallers();
        var ticket = callers.Issue("alice");
        Assert.NotEqual(ticket, callers.Issue("alice"));

        Assert.Null(callers.Redeem("alice"));
        Assert.Null(callers.Redeem("local-ticket:" + new string('0', 64)));
        Assert.Equal("alice", callers.Redeem(ticket));
        Assert.Null(callers.Redeem(ticket));
    }
}
