using System.Security.Authentication;
using BenchCluster.Storage.Access;
using BenchCluster.Testing;
using BenchCluster.Testing.Reliability;
using Npgsql;

namespace BenchCluster.Storage.Tests.Access;

/// <summary>
/// What infra/postgres.sh gives each part: its own login with a private password file, plain on loopback, and TLS
/// verified against the server's own authority (the test server listens beyond loopback).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // infra/postgres.sh and its file modes are Linux things
public sealed class PostgresScriptTests
{
    [Fact]
    public async Task Each_role_gets_its_own_login_whose_password_file_only_the_server_user_may_read()
    {
        var logins = new List<NpgsqlConnectionStringBuilder>();
        foreach (var role in Enum.GetValues<DatabaseRole>())
            logins.Add(new NpgsqlConnectionStringBuilder((await PostgresServer.ScriptAsync("url", "--role", role.ToString().ToLowerInvariant())).Trim()));

        Assert.Equal(["benchcluster", "benchcluster_worker", "benchcluster_reader"], logins.Select(l => l.Username));
        Assert.Equal(3, logins.Select(l => l.Password).Distinct().Count());
        Assert.All(logins, login =>
        {
            Assert.Equal(SslMode.Disable, login.SslMode);
            var file = Path.Combine(PostgresServer.DataFolder, login.Username + ".password");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(login.Password, File.ReadAllText(file));
        });
    }

    [Fact]
    public async Task The_server_speaks_TLS_that_verifies_against_its_own_authority_only()
    {
        var reader = await PostgresServer.GetConnectionStringAsync(DatabaseRole.Reader);
        var authority = Path.Combine(PostgresServer.DataFolder, "tls", "root.crt");
        var verified = new NpgsqlConnectionStringBuilder(reader) { SslMode = SslMode.VerifyFull, RootCertificate = authority };
        var foreign = new NpgsqlConnectionStringBuilder(reader) { SslMode = SslMode.VerifyFull, RootCertificate = "/etc/ssl/certs/ca-certificates.crt" };

        await using (var connection = new NpgsqlConnection(verified.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", connection);
            Assert.True((bool)(await command.ExecuteScalarAsync())!);
        }
        await using var impostor = new NpgsqlConnection(foreign.ConnectionString);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => impostor.OpenAsync());
        Assert.True(error is AuthenticationException || error.InnerException is AuthenticationException, error.ToString());
        ReliabilityLog.BadInput(new BadInputRecord(PermissionProbe.Surface,
            "client that verifies the server against another authority (the system's CAs)", 1,
            "TLS handshake refused (AuthenticationException), no query sent", nameof(The_server_speaks_TLS_that_verifies_against_its_own_authority_only)));
    }
}
