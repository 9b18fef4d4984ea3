using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace BenchCluster.Hosting.Identity;

/// <summary>
/// Names callers inside this silo process (the HTTP API) for <see cref="CallerIdentityFilter"/>: such a caller has no
/// gateway connection and certificate, so it vouches for the name it authenticated itself (an API token) with a
/// one-time ticket that it puts in <c>SuiteSubmission.SubmittedBy</c>. Tickets are random, exist only in this
/// process's memory and are redeemed once, so a remote client cannot present one.
/// </summary>
public sealed class LocalCallers
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    private const string Prefix = "local-ticket:";
    private const int MaxOutstanding = 10_000;

    private readonly ConcurrentDictionary<string, (string Name, DateTimeOffset Expires)> _tickets = new(StringComparer.Ordinal);

    /// <summary>A ticket that <see cref="Redeem"/> turns into <paramref name="name"/> once, within two minutes.</summary>
    public string Issue(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_tickets.Count >= MaxOutstanding)
            Sweep();
        if (_tickets.Count >= MaxOutstanding)
            throw new InvalidOperationException($"more than {MaxOutstanding} submissions are waiting for the coordinator; try again shortly");
        var ticket = Prefix + Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        _tickets[ticket] = (name, DateTimeOffset.UtcNow + Lifetime);
        return ticket;
    }

    /// <summary>The name behind <paramref name="ticket"/>, or null when it is not a live ticket of this process.</summary>
    public string? Redeem(string ticket) =>
        ticket.StartsWith(Prefix, StringComparison.Ordinal) && _tickets.TryRemove(ticket, out var entry) && entry.Expires > DateTimeOffset.UtcNow
            ? entry.Name
            : null;

    private void Sweep()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var (ticket, entry) in _tickets)
            if (entry.Expires <= now)
                _tickets.TryRemove(ticket, out _);
    }
}
