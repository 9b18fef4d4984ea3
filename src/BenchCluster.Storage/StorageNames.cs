namespace BenchCluster.Storage;

/// <summary>How state enums are spelled in the status columns: their names in lower case.</summary>
internal static class StorageNames
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        value.ToString().ToLowerInvariant();

    public static TEnum Parse<TEnum>(string name) where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(name, ignoreCase: true, out var value)
            ? value
            : throw new InvalidOperationException($"Unknown {typeof(TEnum).Name} '{name}' in the database; is it newer than this build of BenchCluster?");
}
