using System.Text;
using BenchCluster.Gguf.Format;

namespace BenchCluster.Gguf.Writing;

/// <summary>
/// Streams a GGUF v3 file: the header first, then each tensor's bytes in order, in chunks of any size; the writer
/// inserts the alignment padding between tensors and refuses more or fewer bytes than the tensor table announced.
/// </summary>
public sealed class GgufWriter
{
    private static readonly byte[] Zeros = new byte[256];

    private readonly Stream _output;
    private readonly long[] _offsets;
    private int _tensor;
    private long _writtenInTensor;
    private bool _headerWritten;

    public GgufWriter(Stream output, IReadOnlyList<GgufMetadataEntry> metadata, IReadOnlyList<GgufTensorSpec> tensors)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(tensors);
        _output = output;
        Tensors = tensors;
        Alignment = metadata.FirstOrDefault(e => e.Key == GgufConstants.AlignmentKey)?.Value.Raw is uint a ? a : GgufConstants.DefaultAlignment;
        if (Alignment == 0 || (Alignment & (Alignment - 1)) != 0)
            throw new ArgumentException($"'{GgufConstants.AlignmentKey}' must be a power of two, not {Alignment}.", nameof(metadata));
        CheckUnique(metadata.Select(e => e.Key), "metadata key");
        CheckUnique(tensors.Select(t => t.Name), "tensor name");
        foreach (var tensor in tensors)
            CheckTensor(tensor);

        _offsets = new long[tensors.Count];
        long offset = 0;
        for (var i = 0; i < tensors.Count; i++)
        {
            _offsets[i] = offset;
            offset = GgufReader.AlignUp(offset + tensors[i].ByteSize, Alignment);
        }
        Header = GgufHeaderEncoder.Encode(metadata, tensors, _offsets, Alignment);
        DataOffset = Header.Length;
        TotalBytes = tensors.Count == 0 ? DataOffset : DataOffset + _offsets[^1] + tensors[^1].ByteSize + PaddingAfter(tensors.Count - 1);
    }

    public IReadOnlyList<GgufTensorSpec> Tensors { get; }

    public uint Alignment { get; }

    /// <summary>The encoded header including the padding before the data section.</summary>
    internal byte[] Header { get; }

    public long DataOffset { get; }

    /// <summary>The size of the finished file in bytes.</summary>
    public long TotalBytes { get; }

    /// <summary>The tensor the next data bytes belong to (equals the tensor count once all are written).</summary>
    public int CurrentTensor => _tensor;

    public long TensorOffset(int index) => _offsets[index];

    public async ValueTask WriteHeaderAsync(CancellationToken cancellationToken = default)
    {
        if (_headerWritten)
            throw new InvalidOperationException("The header was already written.");
        await _output.WriteAsync(Header, cancellationToken);
        _headerWritten = true;
        await FinishCompletedTensorsAsync(cancellationToken);
    }

    /// <summary>Appends bytes of the current tensor; a chunk must not cross into the next tensor.</summary>
    public async ValueTask WriteTensorDataAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        if (!_headerWritten)
            throw new InvalidOperationException("Write the header first.");
        if (_tensor >= Tensors.Count)
            throw new InvalidOperationException("All tensors are already written.");
        var left = Tensors[_tensor].ByteSize - _writtenInTensor;
        if (bytes.Length > left)
            throw new InvalidOperationException($"Tensor '{Tensors[_tensor].Name}' has {left} bytes left; a chunk of {bytes.Length} does not fit.");
        await _output.WriteAsync(bytes, cancellationToken);
        _writtenInTensor += bytes.Length;
        await FinishCompletedTensorsAsync(cancellationToken);
    }

    // Pads after each tensor written in full (and skips empty ones) so the next bytes land at the next tensor's offset.
    private async ValueTask FinishCompletedTensorsAsync(CancellationToken cancellationToken)
    {
        while (_tensor < Tensors.Count && _writtenInTensor == Tensors[_tensor].ByteSize)
        {
            for (var padding = PaddingAfter(_tensor); padding > 0; padding -= Zeros.Length)
                await _output.WriteAsync(Zeros.AsMemory(0, Math.Min(padding, Zeros.Length)), cancellationToken);
            _tensor++;
            _writtenInTensor = 0;
        }
    }

    /// <summary>Checks that every tensor was written in full.</summary>
    public void Complete()
    {
        if (!_headerWritten || _tensor != Tensors.Count)
            throw new InvalidOperationException(
                $"The file is incomplete: {_tensor} of {Tensors.Count} tensors written.");
    }

    /// <summary>Writes a whole file from in-memory tensor data (small files: tests, fixtures).</summary>
    public static async Task WriteAllAsync(Stream output, IReadOnlyList<GgufMetadataEntry> metadata,
        IReadOnlyList<(GgufTensorSpec Tensor, byte[] Data)> tensors, CancellationToken cancellationToken = default)
    {
        var writer = new GgufWriter(output, metadata, tensors.Select(t => t.Tensor).ToList());
        await writer.WriteHeaderAsync(cancellationToken);
        foreach (var (_, data) in tensors)
            await writer.WriteTensorDataAsync(data, cancellationToken);
        writer.Complete();
    }

    private int PaddingAfter(int index)
    {
        var end = _offsets[index] + Tensors[index].ByteSize;
        return (int)(GgufReader.AlignUp(end, Alignment) - end);
    }

    private static void CheckUnique(IEnumerable<string> names, string what)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (string.IsNullOrEmpty(name))
                throw new ArgumentException($"A {what} is empty.");
            if (!seen.Add(name))
                throw new ArgumentException($"The {what} '{name}' appears twice.");
        }
    }

    private static void CheckTensor(GgufTensorSpec tensor)
    {
        if (Encoding.UTF8.GetByteCount(tensor.Name) > GgufConstants.MaxTensorNameBytes)
            throw new ArgumentException($"Tensor name '{tensor.Name}' is longer than {GgufConstants.MaxTensorNameBytes} bytes.");
        if (tensor.Dimensions.Count is 0 or > GgufConstants.MaxDimensions || tensor.Dimensions.Any(d => d < 0))
            throw new ArgumentException($"Tensor '{tensor.Name}' needs 1 to {GgufConstants.MaxDimensions} non-negative dimensions.");
        var block = GgmlTypeInfo.Of(tensor.Type).BlockElements;
        if (tensor.RowLength % block != 0)
            throw new ArgumentException($"Tensor '{tensor.Name}' of type {tensor.Type} has rows of {tensor.RowLength}, not a multiple of {block}.");
    }
}
