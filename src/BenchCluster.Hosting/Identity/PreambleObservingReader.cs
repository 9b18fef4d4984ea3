using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;

namespace BenchCluster.Hosting.Identity;

/// <summary>
/// A pass-through reader that shows the connection's first frame (Orleans' preamble: a 4-byte little-endian length,
/// then the payload) to <paramref name="onPreamble"/> as soon as it has arrived whole, without consuming anything.
/// </summary>
internal sealed class PreambleObservingReader(PipeReader inner, Action<ReadOnlySequence<byte>> onPreamble) : PipeReader
{
    private const int LengthBytes = 4;
    // Orleans refuses a longer preamble itself; past this the frame is not ours to read.
    private const int MaxPreambleBytes = 1024;
    private bool _seen;

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        var result = await inner.ReadAsync(cancellationToken);
        Observe(result.Buffer);
        return result;
    }

    public override bool TryRead(out ReadResult result)
    {
        if (!inner.TryRead(out result))
            return false;
        Observe(result.Buffer);
        return true;
    }

    // Until the preamble is consumed every buffer starts at the connection's first byte (Orleans advances only past it whole).
    private void Observe(ReadOnlySequence<byte> buffer)
    {
        if (_seen || buffer.Length < LengthBytes)
            return;
        Span<byte> prefix = stackalloc byte[LengthBytes];
        buffer.Slice(0, LengthBytes).CopyTo(prefix);
        var length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        if (length is < 0 or > MaxPreambleBytes)
        {
            _seen = true;
            return;
        }
        if (buffer.Length < LengthBytes + length)
            return;
        _seen = true;
        onPreamble(buffer.Slice(LengthBytes, length));
    }

    public override void AdvanceTo(SequencePosition consumed) => inner.AdvanceTo(consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => inner.AdvanceTo(consumed, examined);

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
}
