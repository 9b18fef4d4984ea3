namespace BenchCluster.Http.Auth;

/// <summary>One line of the tokens file: a name and the SHA-256 of its token (the token itself is never stored).</summary>
public sealed record ApiTokenEntry(string Name, byte[] Hash);
