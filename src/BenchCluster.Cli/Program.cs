using System.CommandLine;
using BenchCluster.Cli.Commands;

var root = new RootCommand("""
    BenchCluster: benchmark open-weight LLMs (GGUF models through llama.cpp, or OpenAI-compatible endpoints) across a fleet
    of machines, and store every raw sample and result in Postgres.

    Start here:   benchcluster run benchmarks.yaml          (local mode: private Postgres, one coordinator, one CPU worker)
    A cluster:    benchcluster coordinator --postgres ...   (one host)   then   benchcluster worker --postgres ... --models DIR   (each node)
    """)
{
    RunCommand.Create(),
    UpCommand.Create(),
    SubmitCommand.Create(),
    WatchCommand.Create(),
    StatusCommand.Create(),
    CancelCommand.Create(),
    ResultsCommand.Create(),
    CompareCommand.Create(),
    ReportCommand.Create(),
    LlamaBenchCommand.Create(),
    BestCommand.Create(),
    NodesCommand.Create(),
    ModelsCommand.Create(),
    CoordinatorCommand.Create(),
    WorkerCommand.Create(),
    ForgeCommand.Create(),
    TrainCommand.Create(),
    ServeCommand.Create(),
    DbCommand.Create(),
    CertCommand.Create(),
    ApiTokenCommand.Create(),
    EngineHostCommand.Create(),
};
// On SIGTERM or Ctrl+C, commands that started child silos (run, up) stop them gracefully, up to 15 s each; the default
// 2 s wait of System.CommandLine ended the process first and left a coordinator running (seen with `up`).
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(40) });
