using System.Buffers;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace BenchCluster.Hosting.Identity;

/// <summary>
/// Reads the client id out of Orleans' connection preamble. The preamble type is internal to Orleans, so it is found
/// by name and read through Orleans' own public serializer for it; a test pins this to the Orleans version in use.
/// </summary>
internal sealed class PreambleDecoder
{
    private const string PreambleTypeName = "Orleans.Runtime.Messaging.ConnectionPreamble, Orleans.Core";
    private const string IdentityProperty = "NodeIdentity";

    private readonly object _serializer;
    private readonly MethodInfo _deserialize;
    private readonly PropertyInfo _identity;

    public PreambleDecoder(IServiceProvider services)
    {
        var type = Type.GetType(PreambleTypeName, throwOnError: true)!;
        var serializerType = typeof(Orleans.Serialization.Serializer<>).MakeGenericType(type);
        _serializer = services.GetRequiredService(serializerType);
        _deserialize = serializerType.GetMethod(nameof(Orleans.Serialization.Serializer<object>.Deserialize), [typeof(ReadOnlySequence<byte>)])
            ?? throw new MissingMethodException(serializerType.FullName, "Deserialize(ReadOnlySequence<byte>)");
        _identity = type.GetProperty(IdentityProperty) ?? throw new MissingMemberException(type.FullName, IdentityProperty);
    }

    /// <summary>The client's id, or null when the frame is no client preamble.</summary>
    public GrainId? ClientOf(ReadOnlySequence<byte> payload)
    {
        var preamble = _deserialize.Invoke(_serializer, [payload]);
        return preamble is not null && _identity.GetValue(preamble) is GrainId id && id.IsClient() ? id : null;
    }
}
