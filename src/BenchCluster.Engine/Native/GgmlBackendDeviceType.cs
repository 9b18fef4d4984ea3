namespace BenchCluster.Engine.Native;

/// <summary>enum ggml_backend_dev_type.</summary>
internal enum GgmlBackendDeviceType
{
    Cpu = 0,
    Gpu = 1,
    /// <summary>Integrated GPU sharing host memory.</summary>
    IGpu = 2,
    Accel = 3,
}
