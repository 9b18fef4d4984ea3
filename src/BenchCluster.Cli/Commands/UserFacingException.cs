namespace BenchCluster.Cli.Commands;

/// <summary>An error the user can fix: printed as one line (what is wrong and what to do), exit code 1, no stack trace.</summary>
internal sealed class UserFacingException(string message) : Exception(message);
