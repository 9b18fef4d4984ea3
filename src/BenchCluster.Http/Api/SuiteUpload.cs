using System.Text;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Suite.Parsing;
using Microsoft.AspNetCore.Http;

namespace BenchCluster.Http.Api;

/// <summary>Reads a submitted suite's text with the size bounded before anything is buffered, and checks it.</summary>
public static class SuiteUpload
{
    private const int MaxNameLength = 200;

    public static IResult? NameProblem(string name) =>
        name.Length is 0 or > MaxNameLength || name.Any(char.IsControl) || name.Contains('/') || name.Contains('\\')
            ? ApiErrors.BadRequest($"suite name '{RouteValues.Shorten(name)}' is not a file name", "name", $"pass ?name=FILE.yaml, a plain file name of at most {MaxNameLength} characters")
            : null;

    /// <summary>The body as UTF-8 text, or a 400/413 problem.</summary>
    public static async Task<(string? Text, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = await BoundedBody.ReadAsync(request, SuiteLimits.MaxSuiteBytes, cancellationToken);
        if (buffer is null)
            return (null, BoundedBody.TooLarge(SuiteLimits.MaxSuiteBytes, "split the suite into several suites"));
        if (buffer.Length == 0)
            return (null, ApiErrors.BadRequest("the request body is empty", "body", "send the suite's YAML text as the body, e.g. curl --data-binary @benchmarks.yaml"));
        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, ApiErrors.BadRequest("the request body is not UTF-8 text", "body", "send the suite file's bytes unchanged (curl --data-binary @FILE)"));
        }
    }

    /// <summary>Parses the suite and bounds its job count the way the CLI does, so a broken suite never reaches the coordinator.</summary>
    public static IResult? Check(string text, string sourceName)
    {
        try
        {
            var suite = new SuiteParser().Parse(text, sourceName);
            return JobCount.Of(suite).Problem(MatrixLimits.DefaultMaxJobs, "the API's limit; counted with one node per model") is { } problem
                ? ApiErrors.BadRequest($"{sourceName}: {problem}", "body", "split the suite or reduce its matrix")
                : null;
        }
        catch (SuiteValidationException e)
        {
            var first = e.Errors.Count > 0 ? e.Errors[0] : null;
            return ApiErrors.BadRequest(e.Message, string.IsNullOrEmpty(first?.FieldPath) ? "body" : first.FieldPath, "fix the suite at the lines named; docs/suite-format.md describes every field");
        }
    }
}
