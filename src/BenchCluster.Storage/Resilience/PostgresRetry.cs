using Polly;
using Polly.Retry;

namespace BenchCluster.Storage.Resilience;

/// <summary>
/// Retries a Postgres call through a transient outage (<see cref="TransientPostgresError"/>) with exponential,
/// capped, jittered waits and a bounded number of tries; any other error, and the last transient one, reaches the
/// caller. Only for calls that are safe to repeat: every statement BenchCluster retries is fenced by a job's attempt
/// or a run's coordinator epoch, so a repeat whose first try did commit changes nothing or is recognised as such.
/// </summary>
public sealed class PostgresRetry
{
    private readonly ResiliencePipeline _pipeline;

    /// <param name="onRetry">Told about each retry (the error, the try that failed, the wait before the next), e.g. to log it.</param>
    public PostgresRetry(PostgresRetryOptions options, Action<PostgresRetryAttempt>? onRetry = null)
    {
        Options = options;
        _pipeline = options.MaxRetries == 0 ? ResiliencePipeline.Empty : new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientPostgresError.Is),
            MaxRetryAttempts = options.MaxRetries,
            Delay = options.FirstDelay,
            MaxDelay = options.MaxDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            OnRetry = args =>
            {
                onRetry?.Invoke(new PostgresRetryAttempt(args.Outcome.Exception!, args.AttemptNumber + 1, args.RetryDelay));
                return default;
            },
        }).Build();
    }

    public PostgresRetryOptions Options { get; }

    /// <summary>No retries: for tests and tools that want the first error.</summary>
    public static PostgresRetry None { get; } = new(new PostgresRetryOptions { MaxRetries = 0 });

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken = default) =>
        await _pipeline.ExecuteAsync(static async (call, token) => await call(token), call, cancellationToken);

    public async Task ExecuteAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken = default) =>
        await _pipeline.ExecuteAsync(static async (call, token) => await call(token), call, cancellationToken);
}
