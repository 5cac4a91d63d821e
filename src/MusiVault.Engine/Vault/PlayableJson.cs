using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MusiVault.Engine.Vault;

/// <summary>
/// The stored raw JSON of a track or episode, in one canonical form whichever endpoint it came from: minified, with
/// the same escaping, and without the two booleans ("track", "episode") that playlist endpoints add to the objects
/// they embed (they describe the playlist entry, not the item). Otherwise the stored JSON of a track would depend on
/// which collection happened to write it last, and two vaults of the same library would differ.
/// </summary>
internal static class PlayableJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Canonical(string rawJson)
    {
        using var document = JsonDocument.Parse(rawJson);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return rawJson;
        }
        using var buffer = new MemoryStream(rawJson.Length);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if ((property.NameEquals("track") || property.NameEquals("episode"))
                    && property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    continue;
                }
                property.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
