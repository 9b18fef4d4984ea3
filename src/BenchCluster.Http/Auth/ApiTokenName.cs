using System.Text.RegularExpressions;

namespace BenchCluster.Http.Auth;

/// <summary>What a token's name may be: it becomes a run's submitted_by, so it is short and printable.</summary>
public static partial class ApiTokenName
{
    public const int MaxLength = 64;

    /// <summary>Null when <paramref name="name"/> is a valid name, else the problem and the fix.</summary>
    public static string? Problem(string name) =>
        Pattern().IsMatch(name) ? null
        : $"token name '{Shorten(name)}' is not valid: use 1 to {MaxLength} letters, digits, '.', '_', '-' or '@', starting with a letter or digit (e.g. alice or ci-nightly)";

    private static string Shorten(string name) => name.Length <= MaxLength ? name : name[..MaxLength] + "…";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")]
    private static partial Regex Pattern();
}
