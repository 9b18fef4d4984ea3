using YamlDotNet.RepresentationModel;

namespace BenchCluster.Measurement.Suite.Parsing;

/// <summary>Collects every problem found while reading a suite, each at the position of the node it concerns.</summary>
internal sealed class SuiteErrors
{
    private readonly List<SuiteError> _errors = [];

    private int _unlisted;

    /// <summary>The problems in file order; beyond <see cref="SuiteLimits.MaxReportedErrors"/> a last line counts the rest.</summary>
    public IReadOnlyList<SuiteError> All
    {
        get
        {
            var listed = _errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
            if (_unlisted > 0)
                listed.Add(new SuiteError(0, 0, "", $"and {_unlisted:N0} more problem(s) of the same kinds; fix these first"));
            return listed;
        }
    }

    public int Count => _errors.Count + _unlisted;

    public void Add(YamlNode node, string path, string message) => Add((int)node.Start.Line, (int)node.Start.Column, path, message);

    public void Add(int line, int column, string path, string message)
    {
        // A hostile suite can hold a million wrong values; the message stays readable and small.
        if (_errors.Count < SuiteLimits.MaxReportedErrors)
            _errors.Add(new SuiteError(line, column, path, message));
        else
            _unlisted++;
    }
}
