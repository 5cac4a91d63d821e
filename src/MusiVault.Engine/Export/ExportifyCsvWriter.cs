namespace MusiVault.Engine.Export;

/// <summary>
/// Exportify's CSV, the file playlist importers (TuneMyMusic, Soundiiz, …) read: its base columns in its order,
/// every field double-quoted with quotes doubled, artists joined with ", " and a comma inside a name written as
/// "\,", rows ended by "\n" as Exportify writes them. Popularity and the preview URL are columns Spotify no longer
/// fills; they stay empty rather than invented. Removed entries (with -IncludeRemoved) are rows like the others: the
/// format has no column for a removal date.
/// </summary>
internal sealed class ExportifyCsvWriter : TextExportWriter
{
    /// <summary>The header, in English whatever the culture (importers match these names).</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "Track URI", "Track Name", "Artist URI(s)", "Artist Name(s)", "Album URI", "Album Name",
        "Album Artist URI(s)", "Album Artist Name(s)", "Album Release Date", "Album Image URL", "Disc Number",
        "Track Number", "Track Duration (ms)", "Track Preview URL", "Explicit", "Popularity", "ISRC", "Added By",
        "Added At",
    ];

    public ExportifyCsvWriter(Stream sink)
        : base(sink)
    {
    }

    public override void WriteStart(ExportPlaylist playlist)
    {
        ThrowIfDisposed();
        for (var i = 0; i < Columns.Count; i++)
        {
            WriteField(Columns[i], first: i == 0);
        }
        Text.Write('\n');
    }

    public override void WriteEntry(ExportEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ThrowIfDisposed();
        var isEpisode = entry.Kind == ExportItemKind.Episode;
        WriteField(entry.Uri, first: true);
        WriteField(ExportText.Title(entry));
        if (entry.Artists.Count == 0 && isEpisode)
        {
            WriteField(entry.ShowUri);
        }
        else
        {
            WriteUris(entry.Artists);
        }
        WriteField(JoinNames(ExportText.ArtistNames(entry)));
        WriteField(entry.AlbumUri ?? (isEpisode ? entry.ShowUri : null));
        WriteField(ExportText.AlbumName(entry));
        WriteUris(entry.AlbumArtists);
        WriteField(JoinNames(entry.AlbumArtists.Select(artist => artist.Name).ToList()));
        WriteField(entry.AlbumReleaseDate);
        WriteField(entry.AlbumImageUrl);
        WriteField(entry.DiscNumber is { } disc ? ExportText.Number(disc) : null);
        WriteField(entry.TrackNumber is { } track ? ExportText.Number(track) : null);
        WriteField(ExportText.DurationMs(entry) is { } ms ? ExportText.Number(ms) : null);
        WriteField(null); // Track Preview URL: no longer served by Spotify
        WriteField(entry.Explicit switch { true => "true", false => "false", null => null });
        WriteField(null); // Popularity: no longer served by Spotify
        WriteField(entry.Isrc);
        WriteField(ExportText.UserUri(entry.AddedBy));
        WriteField(entry.AddedAt is { } addedAt ? ExportText.IsoUtc(addedAt) : null);
        Text.Write('\n');
    }

    public override void WriteEnd() => ThrowIfDisposed();

    /// <summary>Exportify's list rule: names joined by ", ", a comma inside a name escaped as "\,".</summary>
    internal static string JoinNames(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "",
        1 => names[0].Replace(",", "\\,", StringComparison.Ordinal),
        _ => string.Join(", ", names.Select(name => name.Replace(",", "\\,", StringComparison.Ordinal))),
    };

    private void WriteUris(IReadOnlyList<ExportArtist> artists)
    {
        var any = false;
        foreach (var artist in artists)
        {
            any |= !string.IsNullOrEmpty(artist.Uri);
        }
        WriteField(any ? string.Join(", ", artists.Select(artist => artist.Uri ?? "")) : null);
    }

    private void WriteField(string? value, bool first = false)
    {
        if (!first)
        {
            Text.Write(',');
        }
        Text.Write('"');
        var text = value.AsSpan();
        while (!text.IsEmpty)
        {
            var quote = text.IndexOf('"');
            if (quote < 0)
            {
                Text.Write(text);
                break;
            }
            Text.Write(text[..(quote + 1)]);
            Text.Write('"');
            text = text[(quote + 1)..];
        }
        Text.Write('"');
    }
}
