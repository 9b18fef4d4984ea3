namespace BenchCluster.Storage.Resilience;

/// <summary>
/// How long a Postgres call is retried through an outage. The defaults ride out a server restart (about 10 s) with
/// room to spare and then give up, so a lasting outage surfaces within a minute instead of hanging a run.
/// </summary>
public sealed record PostgresRetryOptions
{
    /// <summary>Tries after the first; with the defaults the waits add up to about 45 s.</summary>
    public int MaxRetries { get; init; } = 12;

    /// <summary>The first wait; each next one doubles, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    public static PostgresRetryOptions Default { get; } = new();
}
