using BenchCluster.Remote;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Remote;

/// <summary>Turns a suite's endpoint into the remote backend's options; a timeout the suite leaves out keeps the backend's default.</summary>
public static class EndpointBackendOptions
{
    /// <param name="endpoint">The suite's endpoint.</param>
    /// <param name="allowedKeyVariables">The key variables this worker's operator allows; the backend refuses any other.</param>
    public static OpenAiCompatibleOptions Create(EndpointSpec endpoint, ApiKeyVariables allowedKeyVariables)
    {
        var defaults = new OpenAiCompatibleOptions { BaseUrl = new Uri(endpoint.BaseUrl), Model = endpoint.Model };
        return defaults with
        {
            ApiKeyEnvironmentVariable = endpoint.ApiKeyEnv,
            AllowedApiKeyVariables = allowedKeyVariables,
            UseChat = endpoint.Chat,
            SendExtensionFields = endpoint.ExtensionFields,
            MaxTokensField = endpoint.MaxTokensField,
            ConnectTimeout = Seconds(endpoint.ConnectTimeoutSeconds) ?? defaults.ConnectTimeout,
            FirstEventTimeout = Seconds(endpoint.FirstEventTimeoutSeconds) ?? defaults.FirstEventTimeout,
            IdleTimeout = Seconds(endpoint.IdleTimeoutSeconds) ?? defaults.IdleTimeout,
            TotalTimeout = Seconds(endpoint.TotalTimeoutSeconds) ?? defaults.TotalTimeout,
        };
    }

    private static TimeSpan? Seconds(double? seconds) => seconds is { } s ? TimeSpan.FromSeconds(s) : null;
}
