using YamlDotNet.RepresentationModel;

namespace BenchCluster.Measurement.Suite.Parsing;

/// <summary>Collects every problem found while reading a suite, each at the position of the node it concerns.</summary>
internal sealed class SuiteErrors
{
    private readonly List<SuiteError> _errors = [];

    public IReadOnlyList<SuiteError> All => _errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();

    public int Count => _errors.Count;

    public void Add(YamlNode node, string path, string message) =>
        _errors.Add(new SuiteError((int)node.Start.Line, (int)node.Start.Column, path, message));

    public void Add(int line, int column, string path, string message) => _errors.Add(new SuiteError(line, column, path, message));
}
