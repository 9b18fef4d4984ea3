namespace BenchCluster.Gguf.Forge;

/// <summary>A <see cref="ForgeSpec"/> field (or a preset or type name) cannot make a loadable model; the message names it and the fix.</summary>
public sealed class ForgeSpecException : Exception
{
    public ForgeSpecException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    public ForgeSpecException()
        : this("", "Invalid forge specification.")
    {
    }

    public ForgeSpecException(string message)
        : this("", message)
    {
    }

    public ForgeSpecException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "";
    }

    /// <summary>The <see cref="ForgeSpec"/> property at fault.</summary>
    public string Field { get; }
}
