using System.Net.Http.Headers;

namespace BenchCluster.Remote;

/// <summary>
/// The API key read from the environment variable a suite names. Kept out of every string this
/// type produces, and scrubbed from server messages that might echo it back.
/// </summary>
internal sealed class ApiKey
{
    private readonly string? _value;

    private ApiKey(string? variableName, string? value)
    {
        VariableName = variableName;
        _value = value;
    }

    /// <summary>The environment variable's name (safe to show), or null when the endpoint needs no key.</summary>
    public string? VariableName { get; }

    public static ApiKey None { get; } = new(null, null);

    /// <summary>
    /// Reads the key now. A variable that is reserved, not in <paramref name="allowed"/>, or named but unset is a
    /// configuration error, reported by name before anything is sent.
    /// </summary>
    public static ApiKey FromEnvironment(string? variableName, ApiKeyVariables allowed)
    {
        if (string.IsNullOrWhiteSpace(variableName))
            return None;
        if (ApiKeyVariables.Reserved(variableName) is { } reserved)
            throw new ArgumentException($"api_key_env {reserved}: {ApiKeyVariables.Rule}.", nameof(variableName));
        if (!allowed.Allows(variableName))
        {
            throw new ArgumentException(
                $"api_key_env '{variableName}' is not allowed on this worker (allowed: {allowed}): {ApiKeyVariables.Rule}. "
                + $"Start the worker with --api-key-env {variableName} if it should send that key.",
                nameof(variableName));
        }
        var value = Environment.GetEnvironmentVariable(variableName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException(
                $"The API key environment variable '{variableName}' (api_key_env) is not set or is empty in this process. "
                + $"Set it in the environment of the worker that runs the benchmark (export {variableName}=...), "
                + "or remove api_key_env for an endpoint that needs no key.",
                nameof(variableName));
        }
        value = value.Trim();
        // A key HTTP cannot carry would fail later inside HttpClient, whose messages may quote the header value.
        if (value.Any(c => c is < '!' or > '~'))
        {
            throw new ArgumentException(
                $"The API key in the environment variable '{variableName}' contains spaces, control or non-ASCII characters, which an "
                + "Authorization header cannot carry. Check that the variable holds only the key.",
                nameof(variableName));
        }
        return new ApiKey(variableName, value);
    }

    public void ApplyTo(HttpRequestHeaders headers)
    {
        if (_value is not null)
            headers.Authorization = new AuthenticationHeaderValue("Bearer", _value);
    }

    /// <summary>
    /// Replaces the key wherever it appears in text that is about to be shown or stored, and any piece of it of
    /// <see cref="KeyFragmentChars"/> characters or more: a server's message cut to a length may end inside the key.
    /// </summary>
    public string Scrub(string text) => _value is null ? text : SecretScrubber.Scrub(text, _value, KeyFragmentChars);

    /// <summary>Shortest piece of a key that is masked on its own; shorter pieces say too little to matter.</summary>
    public const int KeyFragmentChars = 8;

    public override string ToString() => VariableName is null ? "(no API key)" : $"(API key from ${VariableName})";
}
