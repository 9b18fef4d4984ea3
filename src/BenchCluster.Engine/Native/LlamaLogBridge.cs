using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BenchCluster.Engine.Native;

/// <summary>
/// Routes llama.cpp's and ggml's log (llama_log_set covers both) to an <see cref="ILogger"/> named "llama.cpp".
/// llama.cpp writes fragments (progress dots, GGML_LOG_LEVEL_CONT continuations), so text is buffered per thread
/// and logged one line at a time. Warnings and errors are also kept for <see cref="LlamaLogCapture"/>, whose
/// scope turns a bare NULL from llama.cpp into an error message that says why.
/// </summary>
internal static unsafe class LlamaLogBridge
{
    public const string CategoryName = "llama.cpp";

    private static ILogger _logger = NullLogger.Instance;

    [ThreadStatic] private static StringBuilder? _line;
    [ThreadStatic] private static GgmlLogLevel _lineLevel;

    public static void UseLogger(ILogger logger) => Volatile.Write(ref _logger, logger);

    /// <summary>Installs the callback; a static method, so no delegate has to be kept alive.</summary>
    public static void Install() => LlamaNative.llama_log_set(&OnLog, null);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLog(GgmlLogLevel level, byte* text, void* userData)
    {
        // Called from llama.cpp's threads too: nothing may escape into native code.
        try
        {
            Append(level, Marshal.PtrToStringUTF8((nint)text) ?? string.Empty);
        }
        catch
        {
            // Logging must never take down a decode.
        }
    }

    private static void Append(GgmlLogLevel level, string text)
    {
        var line = _line ??= new StringBuilder();
        if (level != GgmlLogLevel.Cont)
        {
            if (line.Length > 0 && level != _lineLevel)
                Flush(line);
            _lineLevel = level;
        }

        var start = 0;
        for (var newline = text.IndexOf('\n', start); newline >= 0; newline = text.IndexOf('\n', start))
        {
            line.Append(text, start, newline - start);
            Flush(line);
            start = newline + 1;
        }
        line.Append(text, start, text.Length - start);
    }

    private static void Flush(StringBuilder line)
    {
        var message = line.ToString().TrimEnd();
        line.Clear();
        if (message.Length == 0)
            return;
        if (_lineLevel is GgmlLogLevel.Warn or GgmlLogLevel.Error)
            LlamaLogCapture.Record(message);
        LlamaLogTap.Offer(message);
        var logger = Volatile.Read(ref _logger);
        var mapped = Map(_lineLevel);
        if (logger.IsEnabled(mapped))
            logger.Log(mapped, "{NativeMessage}", message);
    }

    // llama.cpp's INFO is a page of tensor listings per model load: Debug keeps a default console readable.
    private static LogLevel Map(GgmlLogLevel level) => level switch
    {
        GgmlLogLevel.Error => LogLevel.Error,
        GgmlLogLevel.Warn => LogLevel.Warning,
        GgmlLogLevel.Info => LogLevel.Debug,
        _ => LogLevel.Trace,
    };
}
