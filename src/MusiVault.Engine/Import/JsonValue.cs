using System.Globalization;
using System.Text.Json;

namespace MusiVault.Engine.Import;

/// <summary>
/// Lenient reads of one value: the export promises nothing about types, so a field of an unexpected type reads as
/// null rather than failing the file. Each caller has already checked the value is complete in the buffer.
/// </summary>
internal static class JsonValue
{
    public static string? String(ref Utf8JsonReader r) => r.TokenType switch
    {
        JsonTokenType.String => r.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(r.ValueSpan),
        _ => null,
    };

    public static bool? Bool(ref Utf8JsonReader r) => r.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.String when r.ValueTextEquals("true"u8) => true,
        JsonTokenType.String when r.ValueTextEquals("false"u8) => false,
        _ => null,
    };

    public static long? Long(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.Number)
        {
            return r.TryGetInt64(out var whole) ? whole : r.TryGetDouble(out var d) && Math.Abs(d) < 9e18 ? (long)Math.Round(d) : null;
        }
        return r.TokenType == JsonTokenType.String && long.TryParse(r.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }

    /// <summary>A "YYYY-MM-DD" date, or the date part of a longer timestamp.</summary>
    public static DateOnly? Date(ref Utf8JsonReader r)
    {
        var text = r.TokenType == JsonTokenType.String ? r.GetString() : null;
        return text is { Length: >= 10 } && DateOnly.TryParseExact(text.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;
    }

    /// <summary>Moves past a value the caller does not read; false when the value is cut by the buffer's end.</summary>
    public static bool SkipValue(ref Utf8JsonReader r) =>
        r.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray) || r.TrySkip();
}
