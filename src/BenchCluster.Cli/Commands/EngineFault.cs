using System.Runtime.InteropServices;

namespace BenchCluster.Cli.Commands;

/// <summary>
/// Fault injection for the engine child, so tests can prove a silo survives what llama.cpp can do to a process:
/// BENCHCLUSTER_ENGINE_FAULT=abort-on-run aborts natively (as a GGML_ASSERT does) when a job starts;
/// hang-on-run never finishes the job (as a deadlocked kernel would). Unset in normal use.
/// </summary>
internal static partial class EngineFault
{
    public const string Variable = "BENCHCLUSTER_ENGINE_FAULT";

    public static void OnRun()
    {
        switch (Environment.GetEnvironmentVariable(Variable))
        {
            case "abort-on-run":
                Console.Error.WriteLine("engine fault injection: abort()");
                Abort();
                break;
            case "hang-on-run":
                Console.Error.WriteLine("engine fault injection: hanging");
                Thread.Sleep(Timeout.Infinite);
                break;
        }
    }

    [LibraryImport("libc", EntryPoint = "abort")]
    private static partial void Abort();
}
