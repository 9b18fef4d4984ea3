using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace BenchCluster.Measurement.Suite.Parsing;

/// <summary>Reads typed values from YAML nodes, reporting a precise error (and returning null) when a node does not fit.</summary>
internal sealed class YamlValue(SuiteErrors errors)
{
    private static readonly HashSet<string> NullWords = ["", "~", "null", "Null", "NULL"];
    private static readonly Dictionary<string, bool> BoolWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["true"] = true, ["false"] = false, ["yes"] = true, ["no"] = false, ["on"] = true, ["off"] = false,
    };

    public SuiteErrors Errors => errors;

    /// <summary>True for an empty value (<c>key:</c>, <c>~</c>, <c>null</c>).</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any } scalar && NullWords.Contains(scalar.Value ?? "");

    public string? String(YamlNode node, string path)
    {
        if (node is YamlScalarNode scalar && !IsNull(node))
            return scalar.Value;
        errors.Add(node, path, $"must be a text value, got {Describe(node)}");
        return null;
    }

    public int? Int(YamlNode node, string path, int min = int.MinValue, int max = int.MaxValue)
    {
        if (node is YamlScalarNode { Value: { } text } && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            if (value >= min && value <= max)
                return value;
            errors.Add(node, path, $"must be an integer {Range(min, max)}, got {value}");
            return null;
        }
        errors.Add(node, path, $"must be an integer {Range(min, max)}, got {Describe(node)}");
        return null;
    }

    /// <summary>A finite number; <paramref name="exclusiveMin"/> makes the minimum itself invalid (e.g. a rate must be &gt; 0).</summary>
    public double? Double(YamlNode node, string path, double min = double.MinValue, double max = double.MaxValue, bool exclusiveMin = false)
    {
        var bounds = new List<string>();
        if (exclusiveMin)
            bounds.Add($"> {min.ToString(CultureInfo.InvariantCulture)}");
        else if (min != double.MinValue)
            bounds.Add($"≥ {min.ToString(CultureInfo.InvariantCulture)}");
        if (max != double.MaxValue)
            bounds.Add($"≤ {max.ToString(CultureInfo.InvariantCulture)}");
        var expected = bounds.Count == 0 ? "must be a number" : $"must be a number {string.Join(" and ", bounds)}";
        if (node is YamlScalarNode { Value: { } text }
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            if ((exclusiveMin ? value > min : value >= min) && value <= max)
                return value;
            errors.Add(node, path, $"{expected}, got {text}");
            return null;
        }
        errors.Add(node, path, $"{expected}, got {Describe(node)}");
        return null;
    }

    public bool? Bool(YamlNode node, string path)
    {
        if (node is YamlScalarNode { Value: { } text } && BoolWords.TryGetValue(text, out var value))
            return value;
        errors.Add(node, path, $"must be true or false, got {Describe(node)}");
        return null;
    }

    /// <summary>One of a fixed set of names (case-insensitive); the error lists them and suggests the closest.</summary>
    public T? Choice<T>(YamlNode node, string path, IReadOnlyDictionary<string, T> allowed)
        where T : struct
    {
        if (node is YamlScalarNode { Value: { } text } && !IsNull(node))
        {
            var match = allowed.FirstOrDefault(pair => string.Equals(pair.Key, text, StringComparison.OrdinalIgnoreCase));
            if (match.Key is not null)
                return match.Value;
            errors.Add(node, path, $"'{text}' is not allowed" + DidYouMean.Hint(text, allowed.Keys.ToList()));
            return null;
        }
        errors.Add(node, path, $"must be one of: {string.Join(", ", allowed.Keys)}; got {Describe(node)}");
        return null;
    }

    /// <summary>The items of a list; a single scalar counts as a list of one when <paramref name="allowScalar"/>.</summary>
    public IReadOnlyList<(YamlNode Node, string Path)>? Items(YamlNode node, string path, bool allowScalar)
    {
        if (node is YamlSequenceNode sequence)
            return sequence.Children.Select((child, i) => (child, $"{path}[{i}]")).ToList();
        if (allowScalar && node is YamlScalarNode && !IsNull(node))
            return [(node, path)];
        errors.Add(node, path, $"must be a list{(allowScalar ? " or a single value" : "")}, got {Describe(node)}");
        return null;
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s when IsNull(s) => "an empty value",
        YamlScalarNode s => $"'{Shortened(s.Value ?? "")}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an alias",
    };

    /// <summary>Most characters of a wrong value repeated in an error: a hostile suite's values can be a megabyte long.</summary>
    private const int MaxQuotedChars = 80;

    public static string Shortened(string text) => text.Length <= MaxQuotedChars ? text : text[..MaxQuotedChars] + "…";

    private static string Range(int min, int max) => (min, max) switch
    {
        (int.MinValue, int.MaxValue) => "",
        (_, int.MaxValue) => $"≥ {min}",
        (int.MinValue, _) => $"≤ {max}",
        _ => $"from {min} to {max}",
    };
}
