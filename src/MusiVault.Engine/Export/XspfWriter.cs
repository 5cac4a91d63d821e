using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace MusiVault.Engine.Export;

/// <summary>
/// XSPF version 1 (namespace http://xspf.org/ns/0/), children in the order the specification lists them (readers
/// must accept any order, writers should keep this one). Per track: location (the open.spotify.com link),
/// identifiers (the Spotify URI, and the ISRC as "urn:isrc:CODE", the form JSPF/XSPF tools use most), title,
/// creator, annotation, image, album, trackNum, duration in milliseconds. The one annotation a track may have says
/// what the link cannot: a local file, an item Spotify no longer serves, an entry removed (with its date).
/// Every URI-typed value is checked before it is written; text is cleaned of what XML 1.0 cannot carry.
/// </summary>
internal sealed partial class XspfWriter : ExportFormatWriter
{
    public const string Namespace = "http://xspf.org/ns/0/";

    private readonly XmlWriter xml;

    public XspfWriter(Stream sink)
        : base(sink)
    {
        xml = XmlWriter.Create(sink, new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            CloseOutput = false,
        });
    }

    public override void WriteStart(ExportPlaylist playlist)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        ThrowIfDisposed();
        xml.WriteStartDocument();
        xml.WriteStartElement("playlist", Namespace);
        xml.WriteAttributeString("version", "1");
        Element("title", playlist.Name);
        Element("creator", playlist.OwnerName ?? playlist.OwnerId);
        Element("annotation", playlist.Description);
        UriElement("info", ExportText.PlaylistLink(playlist));
        UriElement("identifier", playlist.Uri);
        if ((playlist.AsOf ?? playlist.ExportedAt) is { } date)
        {
            xml.WriteElementString("date", Namespace, ExportText.IsoUtc(date));
        }
        xml.WriteStartElement("trackList", Namespace);
    }

    public override void WriteEntry(ExportEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ThrowIfDisposed();
        xml.WriteStartElement("track", Namespace);
        UriElement("location", ExportText.SpotifyLink(entry));
        UriElement("identifier", entry.Uri);
        if (IsrcUrn(entry.Isrc) is { } isrc)
        {
            xml.WriteElementString("identifier", Namespace, isrc);
        }
        Element("title", ExportText.Title(entry));
        Element("creator", string.Join(", ", ExportText.ArtistNames(entry)));
        Element("annotation", Annotation(entry));
        if (entry.AlbumImageUrl is { } image && image.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            UriElement("image", image);
        }
        Element("album", ExportText.AlbumName(entry));
        if (entry.TrackNumber is { } trackNumber && trackNumber > 0)
        {
            xml.WriteElementString("trackNum", Namespace, ExportText.Number(trackNumber));
        }
        if (ExportText.DurationMs(entry) is { } duration && duration >= 0)
        {
            xml.WriteElementString("duration", Namespace, ExportText.Number(duration));
        }
        xml.WriteEndElement();
    }

    public override void WriteEnd()
    {
        ThrowIfDisposed();
        xml.WriteEndElement(); // trackList
        xml.WriteEndElement(); // playlist
        xml.WriteEndDocument();
    }

    public override void Flush() => xml.Flush();

    /// <summary>"urn:isrc:CODE" for a well-formed ISRC (2 letters, 3 alphanumerics, 7 digits), else null.</summary>
    internal static string? IsrcUrn(string? isrc)
    {
        if (string.IsNullOrWhiteSpace(isrc))
        {
            return null;
        }
        var code = isrc.Replace("-", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
        return IsrcPattern().IsMatch(code) ? "urn:isrc:" + code : null;
    }

    /// <summary>An absolute URI made only of RFC 3986 characters: what xs:anyURI accepts in every validator.</summary>
    internal static bool IsPlainAbsoluteUri(string? value) => value is not null && UriPattern().IsMatch(value);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            xml.Dispose();
        }
        base.Dispose(disposing);
    }

    private static string? Annotation(ExportEntry entry)
    {
        var notes = new List<string>(3);
        if (entry.IsLocal || entry.Kind == ExportItemKind.LocalFile)
        {
            notes.Add("Local file, no Spotify link");
        }
        else if (entry.Kind == ExportItemKind.Unknown)
        {
            notes.Add("Item unknown to the vault");
        }
        if (!entry.IsAvailable)
        {
            notes.Add("No longer available on Spotify; last known data");
        }
        if (entry.RemovedAt is { } removedAt)
        {
            notes.Add("Removed from the playlist on " + ExportText.IsoUtc(removedAt));
        }
        return notes.Count == 0 ? null : string.Join("; ", notes);
    }

    private void Element(string name, string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            xml.WriteElementString(name, Namespace, ExportText.ForXml(text));
        }
    }

    private void UriElement(string name, string? uri)
    {
        if (IsPlainAbsoluteUri(uri))
        {
            xml.WriteElementString(name, Namespace, uri);
        }
    }

    [GeneratedRegex("^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$", RegexOptions.CultureInvariant)]
    private static partial Regex IsrcPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*:(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})+$", RegexOptions.CultureInvariant)]
    private static partial Regex UriPattern();
}
