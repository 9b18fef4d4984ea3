using System.Security.Cryptography;

namespace BenchCluster.Http.Auth;

/// <summary>
/// Checks presented tokens against the stored hashes, in constant time per entry and over every entry, so neither
/// the comparison nor the position of a match tells a guesser anything. Rereads the file when it changes, so a
/// token added or revoked (its line deleted) counts without a restart.
/// </summary>
public sealed class ApiTokens
{
    /// <summary>Longer than any token this system makes; a longer header is refused before hashing.</summary>
    public const int MaxTokenLength = 256;
    private static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(2);

    private readonly string? _path;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private IReadOnlyList<ApiTokenEntry> _entries;
    private DateTime _fileTime;
    private DateTimeOffset _nextCheck;

    private ApiTokens(string? path, IReadOnlyList<ApiTokenEntry> entries, DateTime fileTime, TimeProvider time)
    {
        _path = path;
        _time = time;
        _entries = entries;
        _fileTime = fileTime;
        _nextCheck = time.GetUtcNow() + RecheckInterval;
    }

    public static ApiTokens FromFile(string path, TimeProvider? time = null) =>
        new(path, ApiTokenFile.Read(path), File.GetLastWriteTimeUtc(path), time ?? TimeProvider.System);

    public static ApiTokens Of(IReadOnlyList<ApiTokenEntry> entries) => new(null, entries, default, TimeProvider.System);

    public int Count => Current().Count;

    /// <summary>The name the token was issued to, or null when it is not a known token.</summary>
    public string? Authenticate(string presented)
    {
        if (presented.Length is 0 or > MaxTokenLength)
            return null;
        var hash = ApiTokenFile.Hash(presented);
        string? name = null;
        foreach (var entry in Current())
            if (CryptographicOperations.FixedTimeEquals(hash, entry.Hash))
                name = entry.Name;
        return name;
    }

    private IReadOnlyList<ApiTokenEntry> Current()
    {
        if (_path is null || _time.GetUtcNow() < _nextCheck)
            return _entries;
        lock (_gate)
        {
            _nextCheck = _time.GetUtcNow() + RecheckInterval;
            var time = File.Exists(_path) ? File.GetLastWriteTimeUtc(_path) : default;
            if (time == _fileTime)
                return _entries;
            // A file that vanished or broke while running admits nobody rather than the old set: revocation wins.
            try
            {
                _entries = time == default ? [] : ApiTokenFile.Read(_path);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                _entries = [];
            }
            _fileTime = time;
            return _entries;
        }
    }
}
