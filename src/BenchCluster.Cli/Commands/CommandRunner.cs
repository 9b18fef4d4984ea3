using System.CommandLine;
using BenchCluster.Engine.Inference;
using BenchCluster.Engine.Native;
using BenchCluster.Engine.Quantization;
using BenchCluster.Engine.Training;
using BenchCluster.Measurement.Quality;
using BenchCluster.Gguf;
using BenchCluster.Gguf.Forge;
using BenchCluster.Measurement.Suite.Parsing;
using BenchCluster.Reporting.Comparing;
using Npgsql;

namespace BenchCluster.Cli.Commands;

/// <summary>Runs a command's action and turns the errors a user can fix into one clear message and exit code 1.</summary>
internal static class CommandRunner
{
    public const int Failure = 1;

    /// <summary>
    /// Sets the command's action with the user-error handling around it. (Named apart from System.CommandLine's own
    /// SetAction: an instance method would win over an extension of the same name and bypass this.) A command whose
    /// exit code 1 means something else (compare: regressions) passes its own <paramref name="failure"/> code.
    /// </summary>
    public static void SetGuardedAction(this Command command, Func<ParseResult, CancellationToken, Task<int>> action, int failure = Failure) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                return await action(parseResult, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Console.Error.WriteLine("cancelled");
                return failure;
            }
            catch (Exception e) when (IsUserError(e))
            {
                Error(e.Message);
                return failure;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                Error($"Postgres refused this login: {e.MessageText}. Each part of BenchCluster has its own login (docs/storage.md, Roles): " +
                      "the coordinator and 'db migrate' need infra/postgres.sh url --role coordinator, a worker --role worker, read commands --role reader.");
                return failure;
            }
            catch (NpgsqlException e)
            {
                Error($"cannot use Postgres: {e.Message}. Check --postgres / BENCHCLUSTER_POSTGRES and that the server runs (infra/postgres.sh status).");
                return failure;
            }
        });

    public static void Error(string message) => Console.Error.WriteLine($"error: {message}");

    public static void Warn(string message) => Console.Error.WriteLine($"warning: {message}");

    private static bool IsUserError(Exception e) => e is UserFacingException or SuiteValidationException or GgufFormatException
        or ForgeSpecException or QuantizationException or TrainingException or QualityInputException or RunReferenceException or InferenceException or LlamaLibraryException or FileNotFoundException or DirectoryNotFoundException;
}
