namespace MusiVault.Engine.Query;

[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyList<string>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<string>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(System.Text.Json.JsonElement))]
internal sealed partial class QueryJson : System.Text.Json.Serialization.JsonSerializerContext;

/// <summary>How the vault writes dates and lists as text, and how we read them back.</summary>
internal static class VaultText
{
    public static string FromDate(DateTime value)
    {
        // A DateTime from PowerShell without a kind is the user's local time, as everywhere in PowerShell.
        var utc = value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
    }

    public static DateTime? ToDate(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return DateTime.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;
    }

    /// <summary>A JSON array of names; anything else (null, malformed, non-strings) degrades gracefully.</summary>
    public static VaultNameList ToNames(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return VaultNameList.None;
        }
        try
        {
            var element = System.Text.Json.JsonSerializer.Deserialize(json, QueryJson.Default.JsonElement);
            if (element.ValueKind != System.Text.Json.JsonValueKind.Array)
            {
                return new VaultNameList([json]);
            }
            var names = new List<string>();
            foreach (var item in element.EnumerateArray())
            {
                names.Add(item.ValueKind == System.Text.Json.JsonValueKind.String ? item.GetString()! : item.GetRawText());
            }
            return new VaultNameList(names);
        }
        catch (System.Text.Json.JsonException)
        {
            return new VaultNameList([json]);
        }
    }
}
