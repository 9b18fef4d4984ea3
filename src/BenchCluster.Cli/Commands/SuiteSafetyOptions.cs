using System.CommandLine;
using BenchCluster.Remote;
using BenchCluster.Measurement.Matrix;

namespace BenchCluster.Cli.Commands;

/// <summary>The operator's bounds on what a suite may do: the job limit and the API-key variables a worker may send.</summary>
internal static class SuiteSafetyOptions
{
    public static Option<long> MaxJobs(string whose)
    {
        var option = new Option<long>("--max-jobs")
        {
            Description = $"Most jobs one suite may expand to ({whose}); a larger suite is refused with its count and the lists that multiplied it. "
                          + "A suite cannot raise it.",
            DefaultValueFactory = _ => MatrixLimits.DefaultMaxJobs,
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long>() < 1)
                result.AddError("--max-jobs must be 1 or more");
        });
        return option;
    }

    public static Option<string[]> ApiKeyEnv() => new("--api-key-env")
    {
        Description = "Environment variables whose values endpoint suites may send as API keys (comma-separated or repeated), e.g. "
                      + $"OPENAI_API_KEY. Default: ${ApiKeyVariables.ConfigurationVariable}, else none. BENCHCLUSTER_* and PG* variables are always refused.",
        AllowMultipleArgumentsPerToken = true,
        HelpName = "NAME[,NAME]",
    };

    /// <summary>The allowed variables from the option or its environment variable; a reserved or malformed name stops the command.</summary>
    public static ApiKeyVariables Resolve(string[]? items)
    {
        var given = items is { Length: > 0 } ? items
            : Environment.GetEnvironmentVariable(ApiKeyVariables.ConfigurationVariable) is { Length: > 0 } configured ? [configured]
            : [];
        try
        {
            return ApiKeyVariables.Parse(given);
        }
        catch (ArgumentException e)
        {
            throw new UserFacingException(e.Message);
        }
    }
}
