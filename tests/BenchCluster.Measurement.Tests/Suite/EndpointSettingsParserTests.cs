using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Suite.Parsing;

namespace BenchCluster.Measurement.Tests.Suite;

public sealed class EndpointSettingsParserTests
{
    private static readonly SuiteParser Parser = new();

    private static EndpointSpec Endpoint(string fields) => Parser.Parse($$"""
        models:
          - endpoint: {base_url: "https://api.example.com/v1", model: m{{fields}}}
        scenarios: [{kind: tg}]
        """, "test.yaml").Models.Single().Endpoint!;

    [Fact]
    public void Timeouts_request_fields_and_output_length_field_are_read()
    {
        var endpoint = Endpoint(", extension_fields: false, max_tokens_field: max_completion_tokens, connect_timeout: 3, first_event_timeout: 240, idle_timeout: 12.5, total_timeout: 900");

        Assert.False(endpoint.ExtensionFields);
        Assert.Equal("max_completion_tokens", endpoint.MaxTokensField);
        Assert.Equal(3, endpoint.ConnectTimeoutSeconds);
        Assert.Equal(240, endpoint.FirstEventTimeoutSeconds);
        Assert.Equal(12.5, endpoint.IdleTimeoutSeconds);
        Assert.Equal(900, endpoint.TotalTimeoutSeconds);
    }

    [Fact]
    public void Left_out_settings_take_the_defaults()
    {
        var endpoint = Endpoint("");

        Assert.True(endpoint.ExtensionFields);
        Assert.Equal("max_tokens", endpoint.MaxTokensField);
        Assert.Null(endpoint.ConnectTimeoutSeconds);
        Assert.Null(endpoint.IdleTimeoutSeconds);
    }

    [Fact]
    public void A_timeout_that_is_not_positive_and_an_unknown_length_field_are_errors_naming_the_field()
    {
        var ex = Assert.Throws<SuiteValidationException>(() => Parser.Parse("""
            models:
              - endpoint: {base_url: "https://api.example.com/v1", model: m, idle_timeout: 0, total_timeout: -5, max_tokens_field: max_new_tokens}
            scenarios: [{kind: tg}]
            """, "test.yaml"));

        Assert.Contains(ex.Errors, e => e.FieldPath == "models[0].endpoint.idle_timeout");
        Assert.Contains(ex.Errors, e => e.FieldPath == "models[0].endpoint.total_timeout");
        var field = Assert.Single(ex.Errors, e => e.FieldPath == "models[0].endpoint.max_tokens_field");
        Assert.Contains("allowed: max_tokens, max_completion_tokens", field.Message, StringComparison.Ordinal);
    }
}
