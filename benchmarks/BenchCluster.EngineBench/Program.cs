using System.CommandLine;
using BenchCluster.EngineBench;

var root = new RootCommand("Engine benchmark: BenchCluster's llama.cpp binding measured like llama-bench and llama-batched-bench.")
{
    RunCommand.Create(),
    CompareCommand.Create(),
    OverheadCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
