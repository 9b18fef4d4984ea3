using System.Security.Cryptography;
using System.Text;

namespace BenchCluster.Serving.Security;

/// <summary>
/// The key clients of <see cref="OpenAiCompatibleServer"/> must send as "Authorization: Bearer KEY". Only its SHA-256
/// is kept, and a presented key is compared by hash in constant time, so neither the key's bytes nor its length leak
/// through response timing. Read from a file or an environment variable, never from the command line (which `ps`
/// shows to every user of the machine).
/// </summary>
public sealed class ServerApiKey
{
    /// <summary>Largest key file read: a key is a line, and a bigger file is probably the wrong one.</summary>
    public const int MaxFileBytes = 4096;

    private readonly byte[] _hash;

    private ServerApiKey(string key) => _hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Where the key came from, e.g. "the file /etc/bc/key" (for messages; never the key).</summary>
    public string Source { get; private init; } = "";

    /// <summary>The key as given; surrounding whitespace (a file's final newline) is dropped.</summary>
    public static ServerApiKey FromValue(string key, string source)
    {
        ArgumentNullException.ThrowIfNull(key);
        var trimmed = key.Trim();
        if (trimmed.Length == 0)
            throw new ArgumentException($"The API key from {source} is empty: put the key clients will send as \"Authorization: Bearer KEY\" there.");
        if (trimmed.Any(char.IsControl) || trimmed.Contains(' ', StringComparison.Ordinal))
            throw new ArgumentException($"The API key from {source} holds spaces, line breaks or control characters: an HTTP header carries one word (e.g. `openssl rand -hex 32`).");
        return new ServerApiKey(trimmed) { Source = source };
    }

    /// <summary>The key in a file's first line. Throws ArgumentException naming the file when it is missing, empty or too large.</summary>
    public static ServerApiKey FromFile(string path)
    {
        var source = $"the file {path}";
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new ArgumentException($"The API key file {path} does not exist: create it with the key on one line (e.g. `openssl rand -hex 32 > {path}; chmod 600 {path}`).");
        if (info.Length > MaxFileBytes)
            throw new ArgumentException($"The API key file {path} has {info.Length} bytes, more than a key ({MaxFileBytes} at most): point --api-key-file at a file holding only the key.");
        return FromValue(File.ReadAllText(path), source);
    }

    /// <summary>The key in an environment variable. Throws ArgumentException naming the variable when it is unset or empty.</summary>
    public static ServerApiKey FromEnvironment(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentException($"The environment variable {variable} is not set or empty: export the API key in it before starting the server.");
        return FromValue(value, $"the environment variable {variable}");
    }

    /// <summary>The token of an "Authorization: Bearer TOKEN" header value, or null when there is none.</summary>
    public static string? BearerToken(string? authorization)
    {
        const string Scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            return null;
        var token = authorization[Scheme.Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    /// <summary>Whether a presented token is this key.</summary>
    public bool Matches(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), _hash);
    }

    /// <summary>Never the key: this object may end up in a log line or a debugger.</summary>
    public override string ToString() => $"API key from {Source}";
}
