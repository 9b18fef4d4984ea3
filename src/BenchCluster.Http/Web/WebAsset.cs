namespace BenchCluster.Http.Web;

/// <summary>One file of the web pages (HTML, CSS or JavaScript) as embedded in the assembly.</summary>
public sealed record WebAsset(string Name, byte[] Content, string ContentType, string ETag);
