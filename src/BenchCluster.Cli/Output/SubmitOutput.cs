using BenchCluster.Contracts.Runs;
using Spectre.Console;

namespace BenchCluster.Cli.Output;

/// <summary>Prints what the coordinator said about a submitted suite, on stderr.</summary>
internal static class SubmitOutput
{
    /// <summary>True when the run was accepted.</summary>
    public static bool Report(SubmitResult result)
    {
        if (!result.Accepted)
        {
            Console.Error.WriteLine("error: the suite was rejected:");
            foreach (var error in result.Errors)
                Console.Error.WriteLine($"  {error}");
            return false;
        }
        Messages.Console.MarkupLine($"run [bold]{result.RunId}[/]: {result.JobCount} jobs");
        return true;
    }
}
