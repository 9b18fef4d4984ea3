using System.Text.RegularExpressions;

namespace BenchCluster.Remote;

/// <summary>
/// The environment variables a worker's operator allows suites to name as <c>api_key_env</c>. A suite comes from
/// whoever can submit one, so without this list any variable of the worker could be sent to any URL; BenchCluster's
/// own variables (which hold the database's password) and Postgres' are never allowed, even when listed.
/// </summary>
public sealed partial class ApiKeyVariables
{
    /// <summary>The rule in one sentence, for error messages.</summary>
    public const string Rule =
        "a worker sends an API key only from an environment variable its operator allowed with 'benchcluster worker --api-key-env NAME', "
        + "and never from BenchCluster's own variables (BENCHCLUSTER_*) or Postgres' (PG*)";

    /// <summary>Environment variable that gives the worker's allowed names when --api-key-env is not used.</summary>
    public const string ConfigurationVariable = "BENCHCLUSTER_WORKER_API_KEY_ENV";

    private static readonly string[] ReservedPrefixes = ["BENCHCLUSTER_", "PG"];

    private readonly HashSet<string> _names;

    private ApiKeyVariables(IEnumerable<string> names)
    {
        _names = new HashSet<string>(names, StringComparer.Ordinal);
        Names = _names.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>No variable allowed: endpoints that need a key cannot run here.</summary>
    public static ApiKeyVariables None { get; } = new([]);

    public IReadOnlyList<string> Names { get; }

    public bool Allows(string variableName) => _names.Contains(variableName);

    /// <summary>
    /// The allowed names from items such as "OPENAI_API_KEY,OTHER" (commas or separate items); throws ArgumentException
    /// naming each malformed or reserved name.
    /// </summary>
    public static ApiKeyVariables Parse(IEnumerable<string> items)
    {
        var names = items.SelectMany(item => item.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        var problems = names.Select(name => IsName(name) ? Reserved(name) : $"'{name}' is not an environment variable name (letters, digits, _)")
            .Where(problem => problem is not null)
            .ToList();
        if (problems.Count > 0)
            throw new ArgumentException($"--api-key-env: {string.Join("; ", problems)}. Allow only the variables that hold API keys for endpoints, e.g. --api-key-env OPENAI_API_KEY.");
        return new ApiKeyVariables(names);
    }

    /// <summary>Why a suite may never name this variable, or null when the operator may allow it.</summary>
    public static string? Reserved(string name)
    {
        var prefix = ReservedPrefixes.FirstOrDefault(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));
        return prefix is null ? null
            : $"'{name}' is one of {(prefix == "PG" ? "Postgres'" : "BenchCluster's own")} variables ({prefix}*), which hold the database's credentials; it is never sent to an endpoint";
    }

    public static bool IsName(string name) => VariableName().IsMatch(name);

    public override string ToString() => Names.Count == 0 ? "(none)" : string.Join(",", Names);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}
