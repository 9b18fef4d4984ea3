using BenchCluster.Remote;
using BenchCluster.Measurement.Remote;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Tests.Remote;

public sealed class EndpointBackendOptionsTests
{
    [Fact]
    public void The_suite_settings_reach_the_backend()
    {
        var options = EndpointBackendOptions.Create(new EndpointSpec
        {
            BaseUrl = "http://10.0.0.5:8000/v1", Model = "served", ApiKeyEnv = "KEY_VAR", Chat = true,
            ExtensionFields = false, MaxTokensField = "max_completion_tokens",
            ConnectTimeoutSeconds = 2, FirstEventTimeoutSeconds = 300, IdleTimeoutSeconds = 7.5, TotalTimeoutSeconds = 1200,
        }, ApiKeyVariables.Parse(["KEY_VAR"]));

        Assert.Equal(new Uri("http://10.0.0.5:8000/v1"), options.BaseUrl);
        Assert.Equal("served", options.Model);
        Assert.Equal("KEY_VAR", options.ApiKeyEnvironmentVariable);
        Assert.Equal(["KEY_VAR"], options.AllowedApiKeyVariables.Names);
        Assert.True(options.UseChat);
        Assert.False(options.SendExtensionFields);
        Assert.Equal("max_completion_tokens", options.MaxTokensField);
        Assert.Equal(TimeSpan.FromSeconds(2), options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(300), options.FirstEventTimeout);
        Assert.Equal(TimeSpan.FromSeconds(7.5), options.IdleTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1200), options.TotalTimeout);
    }

    [Fact]
    public void Timeouts_the_suite_leaves_out_keep_the_backend_defaults()
    {
        var options = EndpointBackendOptions.Create(new EndpointSpec { BaseUrl = "http://127.0.0.1:8080/v1", Model = "m", IdleTimeoutSeconds = 1 }, ApiKeyVariables.None);
        var defaults = new OpenAiCompatibleOptions { BaseUrl = new Uri("http://127.0.0.1:8080/v1"), Model = "m" };

        Assert.Equal(TimeSpan.FromSeconds(1), options.IdleTimeout);
        Assert.Equal(defaults.ConnectTimeout, options.ConnectTimeout);
        Assert.Equal(defaults.FirstEventTimeout, options.FirstEventTimeout);
        Assert.Equal(defaults.TotalTimeout, options.TotalTimeout);
        Assert.True(options.SendExtensionFields);
        Assert.Equal("max_tokens", options.MaxTokensField);
    }
}
