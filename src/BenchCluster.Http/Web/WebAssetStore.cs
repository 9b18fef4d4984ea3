using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace BenchCluster.Http.Web;

/// <summary>
/// The page files embedded in this assembly (Web/Assets, logical names "web/NAME"), read once. The pages need no
/// network beyond the coordinator: no CDN, no build step, nothing fetched from another origin.
/// </summary>
public sealed class WebAssetStore
{
    private const string Prefix = "web/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, WebAsset> _assets;

    private WebAssetStore(FrozenDictionary<string, WebAsset> assets) => _assets = assets;

    public IReadOnlyCollection<string> Names => _assets.Keys;

    public static WebAssetStore Load()
    {
        var assembly = typeof(WebAssetStore).Assembly;
        var assets = new Dictionary<string, WebAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var name = resource[Prefix.Length..];
            var extension = Path.GetExtension(name);
            if (!ContentTypes.TryGetValue(extension, out var contentType))
                throw new InvalidOperationException($"Web asset {name} has the extension '{extension}', which the pages do not serve; use one of {string.Join(", ", ContentTypes.Keys)}.");
            var content = Read(assembly, resource);
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..16] + "\"";
            assets[name] = new WebAsset(name, content, contentType, etag);
        }
        return new WebAssetStore(assets.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>The asset of that exact name (no paths: names are flat), or null.</summary>
    public WebAsset? Find(string name) => _assets.GetValueOrDefault(name);

    private static byte[] Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
                           ?? throw new InvalidOperationException($"Embedded resource {resource} is listed but cannot be opened.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
