using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BenchCluster.Http.Auth;

/// <summary>
/// The tokens file: one <c>NAME SHA256-HEX</c> line per token, mode 0600. Only hashes are stored, so reading the
/// file does not give anyone a token; the token is printed once when it is made.
/// </summary>
public static class ApiTokenFile
{
    /// <summary>Bounds what a start reads: far above any real team's tokens.</summary>
    public const int MaxEntries = 10_000;
    private const long MaxBytes = 4 * 1024 * 1024;
    private const int TokenBytes = 32;

    /// <summary>A new random token (32 bytes, base64url).</summary>
    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public static IReadOnlyList<ApiTokenEntry> Read(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new FileNotFoundException($"API tokens file {path} does not exist; create a token with 'benchcluster api-token add NAME --file {path}'", path);
        if (info.Length > MaxBytes)
            throw new InvalidDataException($"API tokens file {path} is {info.Length:N0} bytes, above the limit of {MaxBytes:N0}; it holds one short line per token, so it is not a tokens file");
        var entries = new List<ApiTokenEntry>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
                continue;
            if (entries.Count == MaxEntries)
                throw new InvalidDataException($"API tokens file {path} holds more than {MaxEntries:N0} tokens; remove the ones nobody uses");
            entries.Add(Parse(text, path, lineNumber));
        }
        return entries;
    }

    /// <summary>Adds a token for <paramref name="name"/> (creating the file, mode 0600) and returns the token.</summary>
    public static string Add(string path, string name)
    {
        if (ApiTokenName.Problem(name) is { } problem)
            throw new ArgumentException(problem, nameof(name));
        var existing = File.Exists(path) ? Read(path) : [];
        if (existing.Any(e => e.Name == name))
            throw new ArgumentException($"API tokens file {path} already has a token named '{name}'; pick another name, or delete its line to revoke it first", nameof(name));
        var token = NewToken();
        var line = string.Create(CultureInfo.InvariantCulture, $"{name} {Convert.ToHexStringLower(Hash(token))}\n");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(path, options))
            stream.Write(Encoding.UTF8.GetBytes(line));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return token;
    }

    private static ApiTokenEntry Parse(string text, string path, int lineNumber)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || ApiTokenName.Problem(parts[0]) is not null || parts[1].Length != 64 || !IsHex(parts[1]))
            throw new InvalidDataException($"API tokens file {path}, line {lineNumber}: expected 'NAME SHA256-HEX' (64 hex digits); 'benchcluster api-token add' writes such lines");
        return new ApiTokenEntry(parts[0], Convert.FromHexString(parts[1]));
    }

    private static bool IsHex(string text) => text.All(char.IsAsciiHexDigit);
}
