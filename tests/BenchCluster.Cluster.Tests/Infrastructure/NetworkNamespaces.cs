using System.Diagnostics;
using System.Globalization;

namespace BenchCluster.Cluster.Tests.Infrastructure;

/// <summary>
/// Several "hosts" on one machine: network namespaces with their own address, joined by a bridge in the root
/// namespace (which gets the .1 address and is where the test Postgres is reached). Needs root (ip netns).
/// </summary>
internal sealed class NetworkNamespaces : IAsyncDisposable
{
    private const string AddressPrefix = "10.77.";
    private const int PrefixLength = 24;

    private readonly string _id;
    private readonly int _subnet;
    private readonly int _count;
    private readonly string _prefix;

    private NetworkNamespaces(string prefix, string id, int subnet, int count)
    {
        _prefix = prefix;
        _id = id;
        _subnet = subnet;
        _count = count;
    }

    /// <summary>The root namespace's address on the bridge: where silos in the namespaces reach Postgres.</summary>
    public string HostAddress => Address(1);

    public string Name(int host) => $"{_prefix}{_id}-{host}";

    /// <summary>Address of namespace <paramref name="host"/> (0-based).</summary>
    public string HostIn(int host) => Address(host + 2);

    private string Bridge => $"bcbr{_id}";

    private string Address(int last) => $"{AddressPrefix}{_subnet}.{last}";

    /// <param name="prefix">Starts every namespace name, so a test's namespaces are told apart from other tests' (machine-wide names).</param>
    public static async Task<NetworkNamespaces> CreateAsync(int count, string prefix = "bc")
    {
        var id = Guid.NewGuid().ToString("N")[..5];
        var namespaces = new NetworkNamespaces(prefix, id, Random.Shared.Next(1, 250), count);
        try
        {
            await namespaces.SetUpAsync();
        }
        catch
        {
            await namespaces.DisposeAsync();
            throw;
        }
        return namespaces;
    }

    private async Task SetUpAsync()
    {
        await Ip("link", "add", Bridge, "type", "bridge");
        await Ip("addr", "add", $"{HostAddress}/{PrefixLength}", "dev", Bridge);
        await Ip("link", "set", Bridge, "up");
        for (var host = 0; host < _count; host++)
        {
            var ns = Name(host);
            var veth = $"bcv{_id}{host}";
            await Ip("netns", "add", ns);
            await Ip("link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns);
            await Ip("link", "set", veth, "master", Bridge, "up");
            await Ip("netns", "exec", ns, "ip", "addr", "add", $"{HostIn(host)}/{PrefixLength}", "dev", "eth0");
            await Ip("netns", "exec", ns, "ip", "link", "set", "eth0", "up");
            await Ip("netns", "exec", ns, "ip", "link", "set", "lo", "up");
        }
    }

    /// <summary>Takes namespace <paramref name="host"/>'s network link down or up again: a network cut, without touching its processes.</summary>
    public Task SetLinkAsync(int host, bool up) => Ip("netns", "exec", Name(host), "ip", "link", "set", "eth0", up ? "up" : "down");

    private static async Task Ip(params string[] arguments)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ip {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Trim()} — the multi-host test needs root for network namespaces");
    }

    public async ValueTask DisposeAsync()
    {
        for (var host = 0; host < _count; host++)
            await IgnoreFailure(() => Ip("netns", "delete", Name(host)));
        await IgnoreFailure(() => Ip("link", "delete", Bridge));
    }

    private static async Task IgnoreFailure(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"bridge {Bridge} {HostAddress}, {_count} namespaces");
}
