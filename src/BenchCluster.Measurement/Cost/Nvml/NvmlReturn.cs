namespace BenchCluster.Measurement.Cost.Nvml;

/// <summary>nvmlReturn_t values the reader tells apart (nvml.h); any other value is described by nvmlErrorString.</summary>
internal enum NvmlReturn
{
    Success = 0,
    Uninitialized = 1,
    InvalidArgument = 2,
    NotSupported = 3,
    NoPermission = 4,
    DriverNotLoaded = 9,
    LibraryNotFound = 12,
}
