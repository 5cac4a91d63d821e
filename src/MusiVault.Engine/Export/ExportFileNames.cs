using System.Globalization;
using System.Text;

namespace MusiVault.Engine.Export;

/// <summary>
/// File names made from playlist names that are valid on Windows, macOS and Linux at once, because an export folder
/// is often synced or copied between them:
/// - NFC form (macOS and Linux would otherwise hold "é" in two spellings) and no lone surrogates;
/// - / \ : * ? " &lt; &gt; | and control characters (C0, DEL, C1) become "_", as do the bidi override and isolate
///   controls (U+202A–U+202E, U+2066–U+2069), which can make a name display with a fake extension;
/// - no leading or trailing white space, no trailing dots (Windows strips them), no leading dot (hidden on Unix);
/// - Windows device names (CON, PRN, AUX, NUL, COM0–9, LPT0–9, COM¹²³, LPT¹²³, CONIN$, CONOUT$), also before an
///   extension ("con.tar.gz"), get a "_" appended;
/// - at most 255 bytes of UTF-8 including the extension (Linux and macOS count bytes, Windows 255 UTF-16 units,
///   which UTF-8 bytes never undercount), cut between grapheme clusters so no letter loses its accents;
/// - an empty result becomes "playlist" plus the id.
/// </summary>
internal static class ExportFileNames
{
    public const int MaxNameBytes = 255;

    private static readonly HashSet<string> DeviceNames = CreateDeviceNames();

    /// <summary>The file name for a playlist name, extension included (".csv").</summary>
    public static string For(string? playlistName, string? playlistId, string extension) =>
        Fit(Stem(playlistName, playlistId), "", extension);

    /// <summary>The playlist name made safe, without length limit or extension.</summary>
    internal static string Stem(string? playlistName, string? playlistId)
    {
        var text = ExportText.Clean(playlistName).Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(IsForbidden(c) ? '_' : c);
        }
        var stem = TrimEnds(builder.ToString());
        if (stem.StartsWith('.'))
        {
            stem = "_" + stem[1..];
        }
        if (stem.Length == 0)
        {
            stem = playlistId is { } id && ExportText.IsSpotifyId(id) ? "playlist " + id : "playlist";
        }
        return stem;
    }

    /// <summary>Stem + suffix + extension within 255 UTF-8 bytes; the stem is what gets cut.</summary>
    internal static string Fit(string stem, string suffix, string extension)
    {
        var budget = MaxNameBytes - Encoding.UTF8.GetByteCount(suffix) - Encoding.UTF8.GetByteCount(extension);
        var cut = Cut(stem, budget);
        if (IsWindowsDeviceName(cut + suffix + extension))
        {
            cut = Cut(stem, budget - 1);
            var dot = cut.IndexOf('.', StringComparison.Ordinal);
            cut = dot < 0 ? cut + "_" : cut.Insert(dot, "_");
        }
        return cut + suffix + extension;
    }

    /// <summary>Whether Windows treats the name as a device: the part before the first dot, spaces trimmed.</summary>
    internal static bool IsWindowsDeviceName(string fileName)
    {
        var dot = fileName.IndexOf('.', StringComparison.Ordinal);
        var head = (dot < 0 ? fileName : fileName[..dot]).TrimEnd(' ');
        return DeviceNames.Contains(head);
    }

    private static string Cut(string stem, int budget)
    {
        if (Encoding.UTF8.GetByteCount(stem) > budget)
        {
            var used = 0;
            var end = 0;
            var elements = StringInfo.GetTextElementEnumerator(stem);
            while (elements.MoveNext())
            {
                var element = elements.GetTextElement();
                var bytes = Encoding.UTF8.GetByteCount(element);
                if (used + bytes > budget)
                {
                    break;
                }
                used += bytes;
                end += element.Length;
            }
            if (end == 0)
            {
                end = CutByRunes(stem, budget); // a single cluster longer than the budget (stacked combining marks)
            }
            stem = TrimEnds(stem[..end]);
        }
        return stem.Length == 0 ? "_" : stem;
    }

    private static int CutByRunes(string text, int budget)
    {
        var used = 0;
        var end = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (used + rune.Utf8SequenceLength > budget)
            {
                break;
            }
            used += rune.Utf8SequenceLength;
            end += rune.Utf16SequenceLength;
        }
        return end;
    }

    private static string TrimEnds(string text)
    {
        var start = 0;
        while (start < text.Length && char.IsWhiteSpace(text[start]))
        {
            start++;
        }
        var end = text.Length;
        while (end > start && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] == '.'))
        {
            end--;
        }
        return text[start..end];
    }

    private static bool IsForbidden(char c) =>
        c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|'
        || char.IsControl(c)
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069';

    private static HashSet<string> CreateDeviceNames()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$" };
        foreach (var port in new[] { "COM", "LPT" })
        {
            foreach (var digit in "0123456789\u00B9\u00B2\u00B3")
            {
                names.Add(port + digit);
            }
        }
        return names;
    }
}

/// <summary>
/// The names handed out in one export run: a second playlist with the same name (compared as Windows and macOS
/// compare, ignoring case) gets its id appended, " (id)", or a counter when it has none, so no export overwrites
/// another of the same run.
/// </summary>
internal sealed class ExportFileNameSet
{
    private readonly HashSet<string> used = new(StringComparer.OrdinalIgnoreCase);

    public string Next(string? playlistName, string? playlistId, string extension)
    {
        var stem = ExportFileNames.Stem(playlistName, playlistId);
        var name = ExportFileNames.Fit(stem, "", extension);
        if (used.Add(name))
        {
            return name;
        }
        if (playlistId is { } id && ExportText.IsSpotifyId(id))
        {
            name = ExportFileNames.Fit(stem, " (" + id + ")", extension);
            if (used.Add(name))
            {
                return name;
            }
        }
        for (var counter = 2; ; counter++)
        {
            name = ExportFileNames.Fit(stem, " (" + counter.ToString(CultureInfo.InvariantCulture) + ")", extension);
            if (used.Add(name))
            {
                return name;
            }
        }
    }
}
