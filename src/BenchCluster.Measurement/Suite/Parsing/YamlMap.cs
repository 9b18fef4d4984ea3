using YamlDotNet.RepresentationModel;

namespace BenchCluster.Measurement.Suite.Parsing;

/// <summary>
/// A YAML mapping read against the fields it may have: unknown fields are reported with a did-you-mean
/// suggestion as the map is opened; typed getters report wrong values and missing required fields.
/// </summary>
internal sealed class YamlMap
{
    private readonly Dictionary<string, YamlNode> _entries = new(StringComparer.Ordinal);
    private readonly YamlValue _values;

    private YamlMap(YamlMappingNode node, string path, YamlValue values, IReadOnlyCollection<string> allowed, Func<string, string?>? explainUnknown)
    {
        Node = node;
        Path = path;
        _values = values;
        foreach (var (keyNode, valueNode) in node.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                values.Errors.Add(keyNode, path, "field names must be plain text");
                continue;
            }
            if (!allowed.Contains(key))
            {
                var message = explainUnknown?.Invoke(key) ?? $"unknown field '{YamlValue.Shortened(key)}'" + DidYouMean.Hint(key, allowed);
                values.Errors.Add(keyNode, Child(key), message);
                continue;
            }
            _entries[key] = valueNode;
        }
    }

    public YamlMappingNode Node { get; }

    public string Path { get; }

    public YamlValue Values => _values;

    /// <summary>Opens <paramref name="node"/> as a mapping; reports and returns null when it is something else.</summary>
    public static YamlMap? Open(YamlNode node, string path, YamlValue values, IReadOnlyCollection<string> allowed, Func<string, string?>? explainUnknown = null)
    {
        if (node is YamlMappingNode mapping)
            return new YamlMap(mapping, path, values, allowed, explainUnknown);
        values.Errors.Add(node, path, $"must be a mapping with fields {string.Join(", ", allowed)}; got {YamlValue.Describe(node)}");
        return null;
    }

    public string Child(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>True when the field is present with a non-empty value.</summary>
    public bool Has(string key) => _entries.TryGetValue(key, out var node) && !YamlValue.IsNull(node);

    public YamlNode? Get(string key) => Has(key) ? _entries[key] : null;

    /// <summary>Reports a missing required field at the mapping's position.</summary>
    public void Missing(string key, string hint) => _values.Errors.Add(Node, Child(key), $"required field is missing; {hint}");

    public string? String(string key, bool required = false, string hint = "") =>
        Read(key, required, hint, node => _values.String(node, Child(key)));

    public int? Int(string key, int min = int.MinValue, int max = int.MaxValue, bool required = false, string hint = "") =>
        Read(key, required, hint, node => _values.Int(node, Child(key), min, max));

    public double? Double(string key, double min = double.MinValue, double max = double.MaxValue, bool exclusiveMin = false, bool required = false, string hint = "") =>
        Read(key, required, hint, node => _values.Double(node, Child(key), min, max, exclusiveMin));

    public bool? Bool(string key) => Read(key, false, "", node => _values.Bool(node, Child(key)));

    public T? Choice<T>(string key, IReadOnlyDictionary<string, T> allowed, bool required = false)
        where T : struct =>
        Read(key, required, $"one of: {string.Join(", ", allowed.Keys)}", node => _values.Choice(node, Child(key), allowed));

    public YamlMap? Map(string key, IReadOnlyCollection<string> allowed, Func<string, string?>? explainUnknown = null) =>
        Get(key) is { } node ? Open(node, Child(key), _values, allowed, explainUnknown) : null;

    public IReadOnlyList<(YamlNode Node, string Path)>? Items(string key, bool allowScalar = false, bool required = false, string hint = "") =>
        Read(key, required, hint, node => _values.Items(node, Child(key), allowScalar));

    private T? Read<T>(string key, bool required, string hint, Func<YamlNode, T?> read)
    {
        if (Get(key) is { } node)
            return read(node);
        if (required)
            Missing(key, hint);
        return default;
    }
}
