using BenchCluster.Measurement.Suite.Parsing;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Measurement.Tests.Suite;

/// <summary>Where the suite is parsed, an endpoint that would leak a secret is refused with the field's path.</summary>
public sealed class EndpointSecretParserTests
{
    private static SuiteError Refused(string endpoint)
    {
        var e = Assert.Throws<SuiteValidationException>(() => new SuiteParser().Parse($$$"""
            models:
              - name: api
                endpoint: {{{endpoint}}}
            scenarios: [{kind: concurrency, requests: 2, parameters: {concurrency: [1]}}]
            """, "endpoint.yaml"));
        return Assert.Single(e.Errors);
    }

    [Fact]
    public void The_stolen_password_suite_from_the_issue_is_refused_at_api_key_env()
    {
        var error = Refused("""{base_url: "http://127.0.0.1:9911/v1", model: x, api_key_env: BENCHCLUSTER_POSTGRES}""");

        Assert.Equal("models[0].endpoint.api_key_env", error.FieldPath);
        Assert.Contains("'BENCHCLUSTER_POSTGRES' is one of BenchCluster's own variables", error.Message, StringComparison.Ordinal);
        Assert.Contains("--api-key-env NAME", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, error.Line);
    }

    [Theory]
    [InlineData("""{base_url: "https://api.example.com/v1", model: x, api_key_env: PGPASSWORD}""", "api_key_env", "Postgres'")]
    [InlineData("""{base_url: "https://api.example.com/v1", model: x, api_key_env: benchcluster_cluster_id}""", "api_key_env", "BenchCluster's own")]
    [InlineData("""{base_url: "http://api.example.com/v1", model: x}""", "base_url", "plain http to another machine")]
    [InlineData("""{base_url: "http://192.168.1.20:8000/v1", model: x}""", "base_url", "use https://")]
    [InlineData("""{base_url: "https://me:hunter2@api.example.com/v1", model: x}""", "base_url", "carries credentials (user:password@)")]
    [InlineData("""{base_url: "file:///etc/passwd", model: x}""", "base_url", "not an http(s) URL")]
    public void Endpoints_that_would_leak_a_secret_are_refused_naming_the_field(string endpoint, string field, string expected)
    {
        var error = Refused(endpoint);

        Assert.Equal($"models[0].endpoint.{field}", error.FieldPath);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Https_and_loopback_http_with_an_ordinary_key_variable_parse()
    {
        var suite = new SuiteParser().Parse("""
            models:
              - {name: hosted, endpoint: {base_url: "https://api.example.com/v1", model: x, api_key_env: OPENAI_API_KEY}}
              - {name: local, endpoint: {base_url: "http://localhost:8000/v1", model: y}}
              - {name: v6, endpoint: {base_url: "http://[::1]:8000/v1", model: z}}
            scenarios: [{kind: concurrency, requests: 2, parameters: {concurrency: [1]}}]
            """);

        Assert.Equal("OPENAI_API_KEY", suite.Models[0].Endpoint!.ApiKeyEnv);
        Assert.Equal(3, suite.Models.Count);
        ReliabilityLog.BadInput(new BadInputRecord("suite endpoint",
            "api_key_env naming BENCHCLUSTER_* or PG*; base_url plain http to another host, with user:password@, or not http(s)", 7,
            "refused when the suite is parsed, error at the field's line and path naming the rule; https and loopback http accepted",
            nameof(Https_and_loopback_http_with_an_ordinary_key_variable_parse)));
    }
}
