using System.Text.Json;

namespace MusiVault.Engine.Spotify.Json;

/// <summary>
/// Limits on what one Spotify answer may put into the vault: every response is untrusted input. A name or
/// description longer than <see cref="MaxTextChars"/> is cut (and counted, so the sync can warn); one entity whose
/// JSON is larger than <see cref="MaxEntityJsonChars"/> is refused as an invalid response.
/// </summary>
internal static class SpotifyBounds
{
    /// <summary>64 K characters: far beyond any real name or description (Spotify caps descriptions at 300).</summary>
    public const int MaxTextChars = 64 * 1024;

    /// <summary>1 M characters of JSON for one track, album, playlist…; real ones are a few KB.</summary>
    public const int MaxEntityJsonChars = 1024 * 1024;

    [ThreadStatic]
    private static int t_truncated;

    /// <summary>Fields cut on this thread since the last call; the client reads it right after a (synchronous) parse.</summary>
    public static int TakeTruncatedCount()
    {
        var count = t_truncated;
        t_truncated = 0;
        return count;
    }

    public static string Text(string value)
    {
        if (value.Length <= MaxTextChars)
        {
            return value;
        }
        t_truncated++;
        // Never cut a surrogate pair in half.
        var cut = char.IsHighSurrogate(value[MaxTextChars - 1]) ? MaxTextChars - 1 : MaxTextChars;
        return value[..cut];
    }

    public static string? OptionalText(string? value) => value is null ? null : Text(value);

    /// <summary>The raw JSON of one entity, refused when it is too large to be a real one.</summary>
    public static string Raw(JsonElement element, string what)
    {
        var raw = element.GetRawText();
        if (raw.Length > MaxEntityJsonChars)
        {
            throw Shape($"one {what} is {raw.Length:N0} characters of JSON, more than the {MaxEntityJsonChars:N0} a real one can be");
        }
        return raw;
    }

    /// <summary>A response that parsed as JSON but is not the shape Spotify documents.</summary>
    public static SpotifyShapeException Shape(string problem) => new(problem);
}

/// <summary>JSON of the wrong shape (no items, a null body, a number where an object belongs): never retried more than once.</summary>
internal sealed class SpotifyShapeException(string problem) : JsonException(problem)
{
}
