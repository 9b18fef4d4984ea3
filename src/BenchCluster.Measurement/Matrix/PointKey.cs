using System.Security.Cryptography;
using System.Text;
using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Matrix;

/// <summary>
/// Identifies a matrix point (model × scenario × parameter values), the same across repetitions and re-runs:
/// <see cref="Id"/> hashes everything that defines the point, so editing a scenario's settings makes a new point.
/// </summary>
public sealed record PointKey(string Id, string Label)
{
    /// <summary>Bumped when the hashed content changes meaning, so old and new points never collide.</summary>
    private const string FormatVersion = "point-v1";
    private const int IdHexLength = 16;

    public static PointKey For(ModelSpec model, ScenarioSpec scenario, JobParameters parameters)
    {
        var label = $"{model.Name}/{scenario.Name}[{parameters.Describe()}]";
        var canonical = string.Join('\n', FormatVersion,
            MeasurementJson.Serialize(Identity(model)),
            MeasurementJson.Serialize(scenario with { Parameters = null }),
            MeasurementJson.Serialize(parameters));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical));
        return new PointKey(Convert.ToHexStringLower(hash)[..IdHexLength], label);
    }

    public override string ToString() => $"{Label} ({Id})";

    /// <summary>What identifies the model being measured: prices, the key's variable name and timeouts are cost, access and patience, not identity.</summary>
    private static ModelSpec Identity(ModelSpec model) => model.Endpoint is null ? model : model with
    {
        Endpoint = model.Endpoint with
        {
            PriceInputUsdPerMillion = null, PriceOutputUsdPerMillion = null, ApiKeyEnv = null,
            ConnectTimeoutSeconds = null, FirstEventTimeoutSeconds = null, IdleTimeoutSeconds = null, TotalTimeoutSeconds = null,
        },
    };
}
