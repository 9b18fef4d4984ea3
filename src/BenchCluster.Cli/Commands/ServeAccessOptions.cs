using System.CommandLine;
using BenchCluster.Serving;
using BenchCluster.Serving.Security;

namespace BenchCluster.Cli.Commands;

/// <summary>`serve`'s limits and API key options: what a request may carry and who may send one.</summary>
internal sealed class ServeAccessOptions
{
    /// <summary>Requests waiting for a slot before more are refused with 503: a few rounds of every slot.</summary>
    public const int DefaultMaxQueue = 64;

    public Option<long> MaxBodyBytes { get; } = new("--max-body-bytes")
    {
        Description = "Largest request body in bytes; a longer one is answered 413 without being read whole.",
        DefaultValueFactory = _ => OpenAiServerOptions.DefaultMaxRequestBodyBytes,
        HelpName = "BYTES",
    };

    public Option<int> MaxQueue { get; } = new("--max-queue")
    {
        Description = "Requests that may wait for a free slot; more are answered 503 with Retry-After at once (0: no queue).",
        DefaultValueFactory = _ => DefaultMaxQueue,
        HelpName = "N",
    };

    public Option<string?> ApiKeyFile { get; } = new("--api-key-file")
    {
        Description = "Require \"Authorization: Bearer KEY\" on /v1, KEY being this file's content (chmod 600 it). The key is never taken on the command line, where `ps` shows it.",
        HelpName = "PATH",
    };

    public Option<string?> ApiKeyEnv { get; } = new("--api-key-env")
    {
        Description = "Require \"Authorization: Bearer KEY\" on /v1, KEY being this environment variable's value.",
        HelpName = "VAR",
    };

    public IEnumerable<Option> All => [MaxBodyBytes, MaxQueue, ApiKeyFile, ApiKeyEnv];

    public ServeAccessOptions()
    {
        MaxBodyBytes.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long>() < 1)
                result.AddError("--max-body-bytes must be at least 1 byte");
        });
        MaxQueue.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
                result.AddError("--max-queue must be 0 (no queue) or more");
        });
    }

    /// <summary>The key named by --api-key-file or --api-key-env, or null when neither is given.</summary>
    public ServerApiKey? ReadKey(ParseResult parse)
    {
        var file = parse.GetValue(ApiKeyFile);
        var variable = parse.GetValue(ApiKeyEnv);
        if (file is not null && variable is not null)
            throw new UserFacingException("Give the API key one way: --api-key-file PATH or --api-key-env VAR, not both.");
        try
        {
            if (file is not null)
            {
                WarnIfOthersCanRead(file);
                return ServerApiKey.FromFile(file);
            }
            return variable is null ? null : ServerApiKey.FromEnvironment(variable);
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            throw new UserFacingException($"cannot read the API key: {e.Message}");
        }
    }

    private static void WarnIfOthersCanRead(string path)
    {
        const UnixFileMode OthersRead = UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        if (!OperatingSystem.IsWindows() && File.Exists(path) && (File.GetUnixFileMode(path) & OthersRead) != 0)
            Console.Error.WriteLine($"warning: the API key file {path} can be read by other users; `chmod 600 {path}` keeps the key yours.");
    }
}
