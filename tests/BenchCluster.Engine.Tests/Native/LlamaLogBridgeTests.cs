using System.Collections.Concurrent;
using BenchCluster.Engine.Inference;
using BenchCluster.Engine.Native;
using BenchCluster.Engine.Tests.Inference;
using BenchCluster.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BenchCluster.Engine.Tests.Native;

[Collection(TinyModelCollection.Name)]
public sealed class LlamaLogBridgeTests : IDisposable
{
    private readonly CapturingLoggerFactory _loggers = new();

    public void Dispose() => LlamaLogBridge.UseLogger(NullLogger.Instance);

    [Fact]
    public async Task Model_loading_messages_reach_the_logger_one_line_at_a_time_under_the_llama_cpp_category()
    {
        await using var backend = await LlamaBackend.LoadAsync(TestModels.TinyModelPath, loggerFactory: _loggers);

        var lines = _loggers.Entries.Where(e => e.Category == LlamaLogBridge.CategoryName).ToList();
        Assert.Contains(lines, e => e.Message.Contains("llama_model_loader", StringComparison.Ordinal));
        Assert.All(lines, e => Assert.DoesNotContain('\n', e.Message));
    }

    [Fact]
    public async Task Native_errors_are_logged_as_errors_and_explain_the_failure()
    {
        await using var backend = await LlamaBackend.LoadAsync(TestModels.TinyModelPath, loggerFactory: _loggers);
        var impossible = TinyModelFixture.SmallSession with { KvCacheType = KvCacheType.Q4_0, FlashAttention = FlashAttentionMode.Disabled };

        var error = await Assert.ThrowsAsync<InferenceException>(() => backend.CreateSessionAsync(impossible));

        var logged = Assert.Single(_loggers.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("flash", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(logged.Message, error.Message, StringComparison.Ordinal);
    }

    private sealed record Entry(string Category, LogLevel Level, string Message);

    private sealed class CapturingLoggerFactory : ILoggerFactory
    {
        public ConcurrentQueue<Entry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, Entries);

        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new Entry(category, logLevel, formatter(state, exception)));
    }
}
