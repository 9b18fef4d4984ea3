namespace BenchCluster.Remote.Tests;

/// <summary>A send that fails before any response says why, not only .NET's generic "error while sending".</summary>
public sealed class ConnectionFailureMessageTests
{
    private static RemoteEndpoint Endpoint() =>
        new(new OpenAiCompatibleOptions { BaseUrl = new Uri("http://127.0.0.1:9/v1"), Model = "m" }, ApiKey.None);

    [Fact]
    public void The_request_error_kind_and_the_innermost_cause_follow_the_generic_message()
    {
        var failure = new HttpRequestException(HttpRequestError.ResponseEnded, "An error occurred while sending the request.",
            new IOException("outer io", new IOException("Unable to read data from the transport connection: Connection reset by peer.")));

        var e = HttpErrorTranslator.FromConnectionFailure(failure, Endpoint(), "http://127.0.0.1:9/v1/chat/completions");

        Assert.Equal(
            "POST http://127.0.0.1:9/v1/chat/completions failed: An error occurred while sending the request. " +
            "(ResponseEnded: Unable to read data from the transport connection: Connection reset by peer.)", e.Message);
    }

    [Fact]
    public void A_failure_without_an_inner_cause_keeps_its_message_alone()
    {
        var failure = new HttpRequestException("An error occurred while sending the request.");

        var e = HttpErrorTranslator.FromConnectionFailure(failure, Endpoint(), "http://127.0.0.1:9/v1/completions");

        Assert.Equal("POST http://127.0.0.1:9/v1/completions failed: An error occurred while sending the request.", e.Message);
    }
}
