using System.Text.Json;
using System.Text.Json.Serialization;

namespace BenchCluster.Reporting.Exporting;

/// <summary>
/// Writes NaN and ±infinity as null: JSON has no such numbers, and a statistic that could not be computed is unknown,
/// which is what null means in every export.
/// </summary>
internal sealed class FiniteDoubleConverter : JsonConverter<double>
{
    public override bool HandleNull => false;

    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value))
            writer.WriteNumberValue(value);
        else
            writer.WriteNullValue();
    }
}
