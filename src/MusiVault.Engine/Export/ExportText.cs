using System.Globalization;
using System.Text;

namespace MusiVault.Engine.Export;

/// <summary>
/// Text rules every writer shares: what an entry is called, its Spotify link, dates, and cleaning of names that came
/// from Spotify (untrusted: lone surrogates cannot be written as UTF-8, control characters break line formats and XML).
/// </summary>
internal static class ExportText
{
    private const char Replacement = '\uFFFD';

    public static string Title(ExportEntry entry) => entry.Name ?? entry.LocalName ?? "";

    /// <summary>Artist names in credited order; for episodes the show, for local files the local artist.</summary>
    public static IReadOnlyList<string> ArtistNames(ExportEntry entry)
    {
        if (entry.Artists.Count > 0)
        {
            var names = new string[entry.Artists.Count];
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = entry.Artists[i].Name;
            }
            return names;
        }
        if (entry.Kind == ExportItemKind.Episode && entry.ShowName is { Length: > 0 } show)
        {
            return [show];
        }
        return entry.LocalArtist is { Length: > 0 } local ? [local] : [];
    }

    public static string? AlbumName(ExportEntry entry) =>
        entry.AlbumName ?? (entry.Kind == ExportItemKind.Episode ? entry.ShowName : null) ?? entry.LocalAlbum;

    public static long? DurationMs(ExportEntry entry) => entry.DurationMs ?? entry.LocalDurationMs;

    /// <summary>The open.spotify.com link of a track or episode; null for local files and unknown items.</summary>
    public static string? SpotifyLink(ExportEntry entry)
    {
        var kind = entry.Kind switch
        {
            ExportItemKind.Track => "track",
            ExportItemKind.Episode => "episode",
            _ => null,
        };
        if (kind is null || entry.IsLocal)
        {
            return null;
        }
        var id = entry.Id ?? IdFromUri(entry.Uri, kind);
        return id is not null && IsSpotifyId(id) ? $"https://open.spotify.com/{kind}/{id}" : null;
    }

    public static string? PlaylistLink(ExportPlaylist playlist) =>
        playlist.Id is { } id && IsSpotifyId(id) ? $"https://open.spotify.com/playlist/{id}" : null;

    public static string? UserUri(string? userId) => string.IsNullOrEmpty(userId) ? null : "spotify:user:" + userId;

    /// <summary>ISO 8601 in UTC, seconds like Spotify's own timestamps, milliseconds only when there are some.</summary>
    public static string IsoUtc(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var format = utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        return utc.ToString(format, CultureInfo.InvariantCulture);
    }

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Replaces lone surrogates (not encodable as UTF-8) with U+FFFD.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        return NeedsCleaning(text, xml: false, singleLine: false) ? Rebuild(text, xml: false, singleLine: false) : text;
    }

    /// <summary>Also replaces what XML 1.0 cannot carry (most C0 controls, U+FFFE, U+FFFF).</summary>
    public static string ForXml(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        return NeedsCleaning(text, xml: true, singleLine: false) ? Rebuild(text, xml: true, singleLine: false) : text;
    }

    /// <summary>For line formats: every control character (CR, LF, tab included) becomes a space.</summary>
    public static string SingleLine(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        return NeedsCleaning(text, xml: false, singleLine: true) ? Rebuild(text, xml: false, singleLine: true) : text;
    }

    /// <summary>Spotify ids are base-62; anything else is not put into a URL.</summary>
    public static bool IsSpotifyId(string id)
    {
        if (id.Length is 0 or > 64)
        {
            return false;
        }
        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    private static string? IdFromUri(string? uri, string kind)
    {
        var prefix = "spotify:" + kind + ":";
        return uri is not null && uri.StartsWith(prefix, StringComparison.Ordinal) ? uri[prefix.Length..] : null;
    }

    private static bool NeedsCleaning(string text, bool xml, bool singleLine)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c) || IsBad(c, xml, singleLine))
            {
                return true;
            }
        }
        return false;
    }

    private static string Rebuild(string text, bool xml, bool singleLine)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append(Replacement);
            }
            else if (IsBad(c, xml, singleLine))
            {
                builder.Append(singleLine ? ' ' : Replacement);
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    private static bool IsBad(char c, bool xml, bool singleLine)
    {
        if (singleLine)
        {
            return char.IsControl(c) || c is '\u2028' or '\u2029';
        }
        return xml && ((c < '\u0020' && c is not ('\t' or '\n' or '\r')) || c is '\uFFFE' or '\uFFFF');
    }
}
