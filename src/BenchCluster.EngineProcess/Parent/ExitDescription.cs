namespace BenchCluster.EngineProcess.Parent;

/// <summary>Puts a child's exit status into words (on Unix, .NET reports death by signal N as exit code 128 + N).</summary>
public static class ExitDescription
{
    private const int SignalExitBase = 128;

    public static string Describe(int exitCode) => exitCode switch
    {
        0 => "exited normally",
        > SignalExitBase and < SignalExitBase + 32 => $"was killed by {SignalName(exitCode - SignalExitBase)} (exit code {exitCode})",
        _ => $"exited with code {exitCode}",
    };

    private static string SignalName(int signal) => signal switch
    {
        4 => "SIGILL (an instruction this CPU lacks?)",
        6 => "SIGABRT (a native assertion or abort, e.g. GGML_ASSERT)",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL (out of memory, or killed)",
        11 => "SIGSEGV (a native memory fault)",
        15 => "SIGTERM",
        _ => $"signal {signal}",
    };
}
