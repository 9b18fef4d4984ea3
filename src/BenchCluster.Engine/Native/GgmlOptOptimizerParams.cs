using System.Runtime.InteropServices;

namespace BenchCluster.Engine.Native;

/// <summary>Mirrors <c>struct ggml_opt_optimizer_params</c> of the pinned ggml-opt.h: AdamW's five floats, then SGD's two.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GgmlOptOptimizerParams
{
    public float adamw_alpha;
    public float adamw_beta1;
    public float adamw_beta2;
    public float adamw_eps;
    public float adamw_wd;
    public float sgd_alpha;
    public float sgd_wd;
}
