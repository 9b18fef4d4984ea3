using System.CommandLine;
using BenchCluster.EngineChild;
using Microsoft.Extensions.Logging;

namespace BenchCluster.Cli.Commands;

/// <summary>`benchcluster engine-host`: the engine child process a worker starts per loaded model (not for people).</summary>
internal static class EngineHostCommand
{
    public static Command Create()
    {
        var socket = new Option<string>("--socket") { Description = "Unix socket of the supervising worker.", Required = true };
        var command = new Command("engine-host", "Internal: the supervised engine process of a worker. Runs one model's jobs for its parent.")
        {
            socket,
        };
        command.Hidden = true;
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            using var loggers = LoggerFactory.Create(logging =>
            {
                logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
                logging.SetMinimumLevel(LogLevel.Information);
            });
            await using var inference = new InferenceJobHandler(loggers);
            IEngineRequestHandler handler = Environment.GetEnvironmentVariable(EngineFault.Variable) is null ? inference : new FaultInjectingHandler(inference);
            return await EngineHostServer.RunAsync(parse.GetValue(socket)!, handler, loggers.CreateLogger("engine-host"), cancellationToken);
        });
        return command;
    }
}
