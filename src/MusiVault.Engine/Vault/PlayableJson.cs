using System.Text;
using System.Text.Json;

namespace MusiVault.Engine.Vault;

/// <summary>
/// Playlist endpoints add two booleans, "track" and "episode", to the track or episode objects they embed: they say
/// how the item sits in a playlist, not what it is. Kept, they would make the stored JSON of a track depend on which
/// collection happened to write it last, so two vaults of the same library would differ. They are cut out of the
/// text; every other byte stays as Spotify sent it (no re-serialisation, which would change escaping).
/// </summary>
internal static class PlayableJson
{
    public static string WithoutPlaylistFlags(string rawJson)
    {
        if (!rawJson.Contains("\"track\"", StringComparison.Ordinal) && !rawJson.Contains("\"episode\"", StringComparison.Ordinal))
        {
            return rawJson;
        }
        var bytes = Encoding.UTF8.GetBytes(rawJson);
        var cuts = new List<(int Start, int End)>(2);
        var reader = new Utf8JsonReader(bytes);
        var previousEnd = -1;          // end of the previous kept member, or of the opening brace
        var braceEnd = -1;
        var pendingFirstCut = -1;      // a cut first member: its start, waiting for the next member's start
        var pendingFirstValueEnd = -1;
        while (reader.Read())
        {
            if (reader.CurrentDepth == 0)
            {
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    braceEnd = previousEnd = (int)reader.BytesConsumed;
                }
                else if (reader.TokenType == JsonTokenType.EndObject && pendingFirstCut >= 0)
                {
                    cuts.Add((braceEnd, pendingFirstValueEnd)); // the only members were flags
                }
                continue;
            }
            if (reader.CurrentDepth != 1 || reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }
            var propertyStart = (int)reader.TokenStartIndex;
            if (pendingFirstCut >= 0)
            {
                cuts.Add((pendingFirstCut, propertyStart)); // takes the comma that followed the cut member
                pendingFirstCut = -1;
            }
            var isFlagName = reader.ValueTextEquals("track"u8) || reader.ValueTextEquals("episode"u8);
            reader.Read();
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
            var valueEnd = (int)reader.BytesConsumed;
            if (isFlagName && reader.TokenType is JsonTokenType.True or JsonTokenType.False)
            {
                if (previousEnd == braceEnd)
                {
                    pendingFirstCut = propertyStart;
                    pendingFirstValueEnd = valueEnd;
                }
                else
                {
                    cuts.Add((previousEnd, valueEnd)); // takes the comma before the cut member
                    previousEnd = valueEnd;
                }
                continue;
            }
            previousEnd = valueEnd;
        }
        if (cuts.Count == 0)
        {
            return rawJson;
        }
        cuts.Sort();
        var output = new StringBuilder(rawJson.Length);
        var position = 0;
        foreach (var (start, end) in cuts)
        {
            output.Append(Encoding.UTF8.GetString(bytes, position, start - position));
            position = end;
        }
        output.Append(Encoding.UTF8.GetString(bytes, position, bytes.Length - position));
        return output.ToString();
    }
}
