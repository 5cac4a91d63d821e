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
        JsonTokenType.String => r.ValueIsEscaped ? Unescape(ref r) : r.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(r.ValueSpan),
        _ => null,
    };

    // System.Text.Json refuses a \uD800 escape without its pair; an export written from broken metadata has them, and a
    // name is worth keeping as sent (the store copes with text that does not survive UTF-8) rather than losing the file.
    private static string Unescape(ref Utf8JsonReader r)
    {
        try
        {
            return r.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return UnescapeLeniently(r.ValueSpan);
        }
    }

    private static string UnescapeLeniently(ReadOnlySpan<byte> raw)
    {
        var text = new System.Text.StringBuilder(raw.Length);
        while (!raw.IsEmpty)
        {
            var escape = raw.IndexOf((byte)'\\');
            var run = escape < 0 ? raw : raw[..escape];
            text.Append(System.Text.Encoding.UTF8.GetString(run));
            if (escape < 0 || escape + 1 >= raw.Length)
            {
                break;
            }
            var code = raw[escape + 1];
            var consumed = 2;
            switch (code)
            {
                case (byte)'u' when escape + 6 <= raw.Length
                    && int.TryParse(raw.Slice(escape + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit):
                    text.Append((char)unit);
                    consumed = 6;
                    break;
                case (byte)'b': text.Append('\b'); break;
                case (byte)'f': text.Append('\f'); break;
                case (byte)'n': text.Append('\n'); break;
                case (byte)'r': text.Append('\r'); break;
                case (byte)'t': text.Append('\t'); break;
                default: text.Append((char)code); break;
            }
            raw = raw[(escape + consumed)..];
        }
        return text.ToString();
    }

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
