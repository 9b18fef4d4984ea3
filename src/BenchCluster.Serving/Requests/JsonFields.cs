using System.Text.Json;

namespace BenchCluster.Serving.Requests;

/// <summary>Typed reads of optional request fields; a field of the wrong type or range is a 400 naming it.</summary>
internal static class JsonFields
{
    /// <summary>The field, or null when absent or JSON null.</summary>
    public static JsonElement? Optional(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static bool? ReadBool(JsonElement obj, string name, string? shownName = null)
    {
        if (Optional(obj, name) is not { } value)
            return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new RequestValidationException(shownName ?? name, $"{shownName ?? name} must be true or false."),
        };
    }

    public static int? ReadInt(JsonElement obj, string name, int min, int max, string range)
    {
        if (Optional(obj, name) is not { } value)
            return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < min || number > max)
            throw new RequestValidationException(name, $"{name} must be an integer {range} (got {Shown(value)}).");
        return number;
    }

    public static float? ReadFloat(JsonElement obj, string name)
    {
        if (Optional(obj, name) is not { } value)
            return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || number < 0 || !double.IsFinite(number))
            throw new RequestValidationException(name, $"{name} must be a number of 0 or more (got {Shown(value)}).");
        return (float)number;
    }

    /// <summary>
    /// A string value. JSON text can carry what no string holds: invalid UTF-8 bytes, or an escaped lone UTF-16
    /// surrogate ("\ud800"); that is the client's error (400 naming the field), not the server's.
    /// </summary>
    public static string Text(JsonElement value, string name)
    {
        try
        {
            return value.GetString() ?? "";
        }
        catch (InvalidOperationException)
        {
            throw new RequestValidationException(name, $"{name} is not valid Unicode text (invalid UTF-8, or an escaped lone surrogate such as \\ud800).");
        }
    }

    /// <summary>A value for an error message, shortened: a hostile request can send a megabyte where a number belongs.</summary>
    public static string Shown(JsonElement value)
    {
        const int MaxChars = 40;
        var text = value.GetRawText();
        return text.Length <= MaxChars ? text : text[..MaxChars] + "…";
    }
}
