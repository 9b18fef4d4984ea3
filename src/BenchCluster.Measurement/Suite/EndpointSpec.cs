namespace BenchCluster.Measurement.Suite;

/// <summary>A remote OpenAI-compatible endpoint and its price sheet.</summary>
public sealed record EndpointSpec
{
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
}
