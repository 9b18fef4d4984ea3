using System.Globalization;
using System.Runtime.InteropServices;
using BenchCluster.EngineProcess.Jobs;
using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Matrix;

namespace BenchCluster.Cli.Commands;

/// <summary>
/// Fault injection for the engine child, so tests can prove a silo survives what llama.cpp can do to a process:
/// BENCHCLUSTER_ENGINE_FAULT=abort-on-run aborts natively (as a GGML_ASSERT does) when a job starts;
/// hang-on-run never finishes the job (as a deadlocked kernel would); hang-on-repetition:N hangs only the jobs of
/// repetition N (0-based), so a test sees the other jobs run on the same node after the hung one. Unset in normal use.
/// </summary>
internal static partial class EngineFault
{
    public const string Variable = "BENCHCLUSTER_ENGINE_FAULT";
    private const string HangOnRepetition = "hang-on-repetition:";

    /// <param name="payload">The run request (<see cref="EngineRunRequest"/> as JSON) the child is about to run.</param>
    public static void OnRun(string payload)
    {
        var fault = Environment.GetEnvironmentVariable(Variable);
        switch (fault)
        {
            case "abort-on-run":
                Console.Error.WriteLine("engine fault injection: abort()");
                Abort();
                break;
            case "hang-on-run":
                Hang();
                break;
            case not null when fault.StartsWith(HangOnRepetition, StringComparison.Ordinal):
                var repetition = int.Parse(fault[HangOnRepetition.Length..], CultureInfo.InvariantCulture);
                var request = MeasurementJson.Deserialize<EngineRunRequest>(payload);
                if (MeasurementJson.Deserialize<JobSpec>(request.JobSpecJson).Repetition == repetition)
                    Hang();
                break;
        }
    }

    private static void Hang()
    {
        Console.Error.WriteLine("engine fault injection: hanging");
        Thread.Sleep(Timeout.Infinite);
    }

    [LibraryImport("libc", EntryPoint = "abort")]
    private static partial void Abort();
}
