namespace BenchCluster.Gguf.Forge;

/// <summary>How far a forge is: bytes written of the final file size, and the tensor being written.</summary>
public sealed record ForgeProgress(long BytesWritten, long TotalBytes, int TensorIndex, int TensorCount, string CurrentTensor)
{
    public double Fraction => TotalBytes == 0 ? 1 : (double)BytesWritten / TotalBytes;
}
