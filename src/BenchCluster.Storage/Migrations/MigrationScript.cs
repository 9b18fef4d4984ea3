using System.Security.Cryptography;
using System.Text;

namespace BenchCluster.Storage.Migrations;

/// <summary>One versioned SQL file of infra/sql (<c>V001__orleans_clustering.sql</c>), embedded in this assembly.</summary>
public sealed record MigrationScript(int Version, string Name, string Sql)
{
    /// <summary>SHA-256 of the text with LF line ends, so a checkout with CRLF does not look like an edited script.</summary>
    public string Checksum { get; } = Convert.ToHexStringLower(
        SHA256.HashData(Encoding.UTF8.GetBytes(Sql.Replace("\r\n", "\n", StringComparison.Ordinal))));

    public string FileName => $"V{Version:D3}__{Name}.sql";
}
