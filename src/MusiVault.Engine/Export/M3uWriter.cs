namespace MusiVault.Engine.Export;

/// <summary>
/// Extended M3U in UTF-8 (.m3u8): "#EXTM3U", "#PLAYLIST:name", then per entry "#EXTINF:seconds,artists - title"
/// and the item's open.spotify.com link (tracks and episodes alike). What has no link is never given an invented
/// path line: a local file is one comment line ("# Local file, no Spotify link: …" with its spotify:local URI), an
/// entry whose item the vault never knew is a comment too. Comments start with "# " so no reader mistakes them for
/// directives. Removed and vanished entries keep their link and get a comment line before it saying so.
/// </summary>
internal sealed class M3uWriter : TextExportWriter
{
    public M3uWriter(Stream sink)
        : base(sink)
    {
    }

    public override void WriteStart(ExportPlaylist playlist)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        ThrowIfDisposed();
        Text.Write("#EXTM3U\n#PLAYLIST:");
        Text.Write(ExportText.SingleLine(playlist.Name));
        Text.Write('\n');
    }

    public override void WriteEntry(ExportEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ThrowIfDisposed();
        if (entry.RemovedAt is { } removedAt)
        {
            Comment("Removed from the playlist on " + ExportText.IsoUtc(removedAt));
        }
        if (!entry.IsAvailable)
        {
            Comment("No longer available on Spotify; last known data");
        }
        var display = Display(entry);
        var link = ExportText.SpotifyLink(entry);
        if (link is not null)
        {
            Text.Write("#EXTINF:");
            Text.Write(ExportText.DurationMs(entry) is { } ms ? ExportText.Number((ms + 500) / 1000) : "-1");
            Text.Write(',');
            Text.Write(display);
            Text.Write('\n');
            Text.Write(link);
            Text.Write('\n');
            return;
        }
        var what = entry.IsLocal || entry.Kind == ExportItemKind.LocalFile
            ? "Local file, no Spotify link: "
            : "No Spotify link: ";
        var details = display;
        if (ExportText.AlbumName(entry) is { Length: > 0 } album)
        {
            details += " [" + ExportText.SingleLine(album) + "]";
        }
        if (ExportText.DurationMs(entry) is { } duration)
        {
            details += ", " + ExportText.Number((duration + 500) / 1000) + " s";
        }
        if (entry.Uri is { Length: > 0 } uri)
        {
            details += ", " + ExportText.SingleLine(uri);
        }
        if (details.Length == 0)
        {
            details = "entry " + ExportText.Number(entry.Position + 1L) + ", item unknown to the vault";
        }
        Comment(what + details);
    }

    public override void WriteEnd() => ThrowIfDisposed();

    private static string Display(ExportEntry entry)
    {
        var artists = string.Join(", ", ExportText.ArtistNames(entry));
        var title = ExportText.Title(entry);
        var text = artists.Length == 0 ? title : title.Length == 0 ? artists : artists + " - " + title;
        return ExportText.SingleLine(text);
    }

    private void Comment(string text)
    {
        Text.Write("# ");
        Text.Write(ExportText.SingleLine(text));
        Text.Write('\n');
    }
}
