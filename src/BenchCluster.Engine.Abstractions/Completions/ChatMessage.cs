namespace BenchCluster.Engine.Completions;

/// <summary>One message of a conversation sent to a chat endpoint (role "system", "user" or "assistant").</summary>
public sealed record ChatMessage(string Role, string Content);
