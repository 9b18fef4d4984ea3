using System.CommandLine;
using BenchCluster.Cli.Local;
using BenchCluster.Http.Auth;

namespace BenchCluster.Cli.Commands;

/// <summary>`benchcluster api-token add NAME`: issues an HTTP API token; only its hash is stored.</summary>
internal static class ApiTokenCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "Who the token is for; runs submitted with it record this name as submitted_by." };
        var file = new Option<FileInfo?>("--file") { Description = "The tokens file the coordinator reads (--api-tokens). Default: .data/api-tokens of local mode." };
        var add = new Command("add", """
            Make a random token for NAME, store its SHA-256 (never the token) in the tokens file (mode 0600), and print the
            token once on stdout. Revoke a token by deleting its line; the coordinator rereads the file within seconds.
            Example:
              benchcluster api-token add alice --file /etc/benchcluster/api-tokens
            """)
        {
            name, file,
        };
        add.SetGuardedAction((parse, _) =>
        {
            var path = parse.GetValue(file)?.FullName ?? LocalApiTokens.DefaultPath();
            string token;
            try
            {
                token = ApiTokenFile.Add(path, parse.GetValue(name)!);
            }
            catch (Exception e) when (e is ArgumentException or InvalidDataException)
            {
                throw new UserFacingException(e.Message);
            }
            Console.Error.WriteLine($"token for '{parse.GetValue(name)}' added to {path}; it is shown only now:");
            Console.Out.WriteLine(token);
            return Task.FromResult(0);
        });
        return new Command("api-token", "Manage the tokens of the coordinator's HTTP API (docs/http-api.md).") { add };
    }
}
