using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace BenchCluster.Storage.Migrations;

/// <summary>Reads the migration scripts embedded from infra/sql, ordered by version.</summary>
internal static partial class EmbeddedMigrations
{
    private const string ResourcePrefix = "BenchCluster.Storage.Migrations.";

    public static IReadOnlyList<MigrationScript> Load()
    {
        var assembly = typeof(EmbeddedMigrations).Assembly;
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(name => Read(assembly, name))
            .OrderBy(script => script.Version)
            .ToList();
        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException(
                $"Migration version {duplicate.Key} is used by {string.Join(" and ", duplicate.Select(s => s.FileName))}; give each file in infra/sql its own version.");
        return scripts;
    }

    private static MigrationScript Read(Assembly assembly, string resourceName)
    {
        var fileName = resourceName[ResourcePrefix.Length..];
        var match = FileNamePattern().Match(fileName);
        if (!match.Success)
            throw new InvalidOperationException(
                $"Migration file '{fileName}' is not named V<version>__<name>.sql (e.g. V004__add_energy.sql); rename it in infra/sql.");
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded migration '{resourceName}' cannot be opened.");
        using var reader = new StreamReader(stream);
        var version = int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture);
        return new MigrationScript(version, match.Groups["name"].Value, reader.ReadToEnd());
    }

    [GeneratedRegex(@"^V(?<version>\d+)__(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex FileNamePattern();
}
