using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace BenchCluster.Http.Auth;

/// <summary>
/// Browser sessions: a random id (the cookie's value) mapped to the identity a token proved, in this process's
/// memory only. The cookie never holds the token; a restart ends every session.
/// </summary>
public sealed class SessionStore(TimeProvider time)
{
    public const int MaxSessions = 10_000;
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);
    private const int IdLength = 43;

    private readonly ConcurrentDictionary<string, (string Name, DateTimeOffset Expires)> _sessions = new(StringComparer.Ordinal);

    /// <summary>A new session id for <paramref name="name"/>, or null when the store is full of live sessions.</summary>
    public string? Create(string name)
    {
        if (_sessions.Count >= MaxSessions)
            Sweep();
        if (_sessions.Count >= MaxSessions)
            return null;
        var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        _sessions[id] = (name, time.GetUtcNow() + Lifetime);
        return id;
    }

    public string? Find(string id)
    {
        if (id.Length != IdLength || !_sessions.TryGetValue(id, out var session))
            return null;
        if (session.Expires > time.GetUtcNow())
            return session.Name;
        _sessions.TryRemove(id, out _);
        return null;
    }

    public void Remove(string id) => _sessions.TryRemove(id, out _);

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (id, session) in _sessions)
            if (session.Expires <= now)
                _sessions.TryRemove(id, out _);
    }
}
