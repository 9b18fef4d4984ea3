namespace BenchCluster.Measurement.Suite;

/// <summary>A remote OpenAI-compatible endpoint, how to talk to it, and its price sheet.</summary>
public sealed record EndpointSpec
{
    /// <summary>Names of the output-length request field that servers accept.</summary>
    public static readonly IReadOnlyList<string> MaxTokensFields = ["max_tokens", "max_completion_tokens"];

    /// <summary>e.g. "https://api.example.com/v1".</summary>
    public required string BaseUrl { get; init; }
    /// <summary>Model name as the endpoint knows it.</summary>
    public required string Model { get; init; }
    /// <summary>Name of the environment variable holding the API key on the worker (never the key itself).</summary>
    public string? ApiKeyEnv { get; init; }
    public double? PriceInputUsdPerMillion { get; init; }
    public double? PriceOutputUsdPerMillion { get; init; }
    /// <summary>Use /chat/completions instead of /completions.</summary>
    public bool Chat { get; init; }
    /// <summary>
    /// Send ignore_eos, min_tokens and top_k, which vLLM, SGLang and llama-server accept; hosted APIs usually refuse
    /// unknown fields, so turn it off for those (output lengths then vary, and the verdict says so).
    /// </summary>
    public bool ExtensionFields { get; init; } = true;
    /// <summary>"max_tokens", or "max_completion_tokens" for newer hosted chat APIs.</summary>
    public string MaxTokensField { get; init; } = "max_tokens";
    /// <summary>Seconds to open a connection; null keeps the backend's default.</summary>
    public double? ConnectTimeoutSeconds { get; init; }
    /// <summary>Seconds from sending a request to its first streamed event; null keeps the backend's default.</summary>
    public double? FirstEventTimeoutSeconds { get; init; }
    /// <summary>Seconds allowed between two streamed events; null keeps the backend's default.</summary>
    public double? IdleTimeoutSeconds { get; init; }
    /// <summary>Seconds for a whole request; null keeps the backend's default.</summary>
    public double? TotalTimeoutSeconds { get; init; }
}
