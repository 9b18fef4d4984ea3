namespace BenchCluster.Measurement.Matrix;

/// <summary>A suite that expands to more jobs than the operator's limit; the message gives the count and the lists that multiplied it.</summary>
public sealed class JobLimitException : Exception
{
    public JobLimitException(string message)
        : base(message)
    {
    }

    public JobLimitException()
    {
    }

    public JobLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
