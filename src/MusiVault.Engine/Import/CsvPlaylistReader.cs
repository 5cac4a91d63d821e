using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace MusiVault.Engine.Import;

/// <summary>One data row of a playlist CSV: the item's Spotify URI when the row has one, in file order.</summary>
/// <param name="Line">1-based line where the row starts (for messages about skipped rows).</param>
/// <param name="Uri">spotify:track:…, spotify:episode:… or spotify:local:…; open.spotify.com links are turned into
/// URIs; null when the row's URI cell holds none.</param>
/// <param name="Value">The URI cell as written.</param>
internal sealed record CsvPlaylistRow(int Line, string? Uri, string Value, string? TrackName, string? ArtistNames);

/// <summary>
/// Reads playlist CSVs written by Exportify, by MusiVault's ExportifyCsv, or by other tools: RFC 4180 records
/// (quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF, a UTF-8 BOM), the delimiter guessed from
/// the first line (comma, semicolon or tab: spreadsheets in many locales save with ";"). The URI column is the one
/// headed "Track URI"; without it, the first column holding a spotify:track: URI (or open.spotify.com link), with
/// or without a header row. Pure: no Spotify, no vault; it streams rows as it reads them.
/// </summary>
internal static partial class CsvPlaylistReader
{
    public const string UriHeader = "Track URI";

    public static IEnumerable<CsvPlaylistRow> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var parser = new CsvRecordParser();
        var selector = new ColumnSelector();
        var buffer = new char[16 * 1024];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            parser.Feed(buffer.AsSpan(0, read));
            foreach (var row in selector.Take(parser))
            {
                yield return row;
            }
        }
        parser.Complete();
        foreach (var row in selector.Take(parser))
        {
            yield return row;
        }
    }

    public static async IAsyncEnumerable<CsvPlaylistRow> ReadAsync(TextReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var parser = new CsvRecordParser();
        var selector = new ColumnSelector();
        var buffer = new char[16 * 1024];
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
        {
            parser.Feed(buffer.AsSpan(0, read));
            foreach (var row in selector.Take(parser))
            {
                yield return row;
            }
        }
        parser.Complete();
        foreach (var row in selector.Take(parser))
        {
            yield return row;
        }
    }

    /// <summary>Splits an Exportify list cell ("A, B\, Jr.") into names, undoing the "\," escape.</summary>
    public static IReadOnlyList<string> SplitNames(string? cell)
    {
        if (string.IsNullOrEmpty(cell))
        {
            return [];
        }
        var names = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < cell.Length; i++)
        {
            var c = cell[i];
            if (c == '\\' && i + 1 < cell.Length && cell[i + 1] == ',')
            {
                current.Append(',');
                i++;
            }
            else if (c == ',')
            {
                names.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }
        names.Add(current.ToString().Trim());
        return names;
    }

    /// <summary>A Spotify item URI for a cell (URI or open.spotify.com link), else null.</summary>
    internal static string? ItemUri(string cell)
    {
        var text = cell.Trim();
        if (SpotifyUriPattern().IsMatch(text))
        {
            return text;
        }
        var link = SpotifyLinkPattern().Match(text);
        return link.Success ? $"spotify:{link.Groups["kind"].Value}:{link.Groups["id"].Value}" : null;
    }

    private static bool IsTrackUri(string cell) => ItemUri(cell)?.StartsWith("spotify:track:", StringComparison.Ordinal) == true;

    [GeneratedRegex("^spotify:(?:(?:track|episode):[A-Za-z0-9]{1,64}|local:[^\\s]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex SpotifyUriPattern();

    [GeneratedRegex("^https?://open\\.spotify\\.com/(?:intl-[A-Za-z-]+/)?(?<kind>track|episode)/(?<id>[A-Za-z0-9]{1,64})(?:[?#].*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex SpotifyLinkPattern();

    /// <summary>Decides which column holds the URIs, then turns records into rows.</summary>
    private sealed class ColumnSelector
    {
        private bool sawFirst;
        private int uriColumn = -1;
        private int nameColumn = -1;
        private int artistsColumn = -1;

        public IEnumerable<CsvPlaylistRow> Take(CsvRecordParser parser)
        {
            while (parser.TryDequeue(out var line, out var fields))
            {
                if (fields.Length == 1 && string.IsNullOrWhiteSpace(fields[0]))
                {
                    continue; // a blank line; a row of empty fields is still a row (an entry the vault knows nothing of)
                }
                if (!sawFirst)
                {
                    sawFirst = true;
                    if (FirstIsHeader(fields))
                    {
                        continue;
                    }
                }
                if (uriColumn < 0)
                {
                    uriColumn = Array.FindIndex(fields, IsTrackUri);
                }
                var value = uriColumn >= 0 && uriColumn < fields.Length ? fields[uriColumn] : "";
                yield return new CsvPlaylistRow(line, ItemUri(value), value, Cell(fields, nameColumn), Cell(fields, artistsColumn));
            }
        }

        private static string? Cell(string[] fields, int index) => index >= 0 && index < fields.Length ? fields[index] : null;

        private bool FirstIsHeader(string[] fields)
        {
            var header = Array.FindIndex(fields, field => string.Equals(field.Trim(), UriHeader, StringComparison.OrdinalIgnoreCase));
            if (header < 0 && fields.Any(field => ItemUri(field) is not null))
            {
                return false; // no header row: the first record is already data
            }
            uriColumn = header;
            nameColumn = Array.FindIndex(fields, field => string.Equals(field.Trim(), "Track Name", StringComparison.OrdinalIgnoreCase));
            artistsColumn = Array.FindIndex(fields, field => string.Equals(field.Trim(), "Artist Name(s)", StringComparison.OrdinalIgnoreCase));
            return true;
        }
    }
}
