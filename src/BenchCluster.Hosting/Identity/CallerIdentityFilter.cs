using BenchCluster.Contracts.Runs;

namespace BenchCluster.Hosting.Identity;

/// <summary>
/// Makes submitted_by the name in the caller's verified certificate, whatever the client wrote: every
/// <see cref="SuiteSubmission"/> argument is rewritten, and one from a caller this silo cannot name is refused.
/// A caller inside this process (the HTTP API) names itself with a one-time ticket of <see cref="LocalCallers"/>.
/// </summary>
public sealed class CallerIdentityFilter(ConnectedClients clients, LocalCallers localCallers) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        var request = context.Request;
        for (var i = 0; i < request.GetArgumentCount(); i++)
        {
            if (request.GetArgument(i) is not SuiteSubmission submission)
                continue;
            var name = (context.SourceId is { } source ? clients.NameOf(source) : null) ?? localCallers.Redeem(submission.SubmittedBy);
            if (name is null)
                throw new UnauthorizedAccessException(
                    $"suite '{submission.SourceName}' refused: its sender ({context.SourceId?.ToString() ?? "unknown"}) is not a client connected to this coordinator's gateway with a cluster certificate");
            request.SetArgument(i, submission with { SubmittedBy = name });
        }
        return context.Invoke();
    }
}
