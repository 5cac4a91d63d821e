using System.Globalization;
using System.Text;
using MusiVault.Engine.Export;

namespace MusiVault.Engine.Tests.Export;

/// <summary>
/// A playlist with every kind of entry the vault can hold and names that break naive CSV, M3U, XML and JSON
/// writers. Two entries are the ones Exportify's own tests export (its "Crying" Liked Songs row and a local file),
/// so our rows can be compared with the rows Exportify writes.
/// </summary>
internal static class ExportSamples
{
    public const string AddedByUser = "u8ins5esg43wtxk4h66o5d1nb";

    public static readonly ExportPlaylist Playlist = new()
    {
        Name = "Road <Trip> & \"Friends\", vol. 1",
        Id = "37i9dQZF1DXcBWIGoYBM5M",
        Uri = "spotify:playlist:37i9dQZF1DXcBWIGoYBM5M",
        OwnerId = "watsonbox",
        OwnerName = "Ömer \u202Eevil",
        Description = "Line one\nline two <b>not html</b> \u0001 control",
        AsOf = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero),
    };

    /// <summary>Exportify's "Crying" row (PlaylistTable.test.tsx), as the vault would hold it.</summary>
    public static readonly ExportEntry Crying = new()
    {
        Position = 0,
        Kind = ExportItemKind.Track,
        Uri = "spotify:track:1GrLfs4TEvAZ86HVzXHchS",
        Id = "1GrLfs4TEvAZ86HVzXHchS",
        Name = "Crying",
        Artists = [new("Six by Seven", "spotify:artist:4TXdHyuAOl3rAOFmZ6MeKz")],
        AlbumUri = "spotify:album:4iwv7b8gDPKztLkKCbWyhi",
        AlbumName = "Best of Six By Seven",
        AlbumReleaseDate = "2017-02-17",
        AlbumImageUrl = "https://i.scdn.co/image/ab67616d0000b273f485821b346237acbbca07ea",
        AlbumArtists = [new("Six by Seven", "spotify:artist:4TXdHyuAOl3rAOFmZ6MeKz")],
        DiscNumber = 1,
        TrackNumber = 3,
        DurationMs = 198093,
        Explicit = false,
        Isrc = "UK4UP1300002",
        AddedAt = DateTimeOffset.Parse("2020-07-19T09:24:39Z", CultureInfo.InvariantCulture),
        RawJson = """{"album":{"name":"Best of Six By Seven"},"id":"1GrLfs4TEvAZ86HVzXHchS","name":"Crying","type":"track","uri":"spotify:track:1GrLfs4TEvAZ86HVzXHchS","note":"caf\u00e9 \"kept\" as stored"}""",
    };

    /// <summary>Exportify's local-file row (playlist-tracks.local-files.exportify.json).</summary>
    public static readonly ExportEntry LocalFile = new()
    {
        Position = 1,
        Kind = ExportItemKind.LocalFile,
        Uri = "spotify:local:The+Waymores:Heart+of+Stone:Heart+of+Stone:128",
        Name = "Heart of Stone",
        IsLocal = true,
        LocalName = "Heart of Stone",
        LocalArtist = "The Waymores",
        LocalAlbum = "Heart of Stone",
        LocalDurationMs = 128000,
        DiscNumber = 0,
        TrackNumber = 0,
        DurationMs = 128000,
        Explicit = false,
        AddedBy = AddedByUser,
        AddedAt = DateTimeOffset.Parse("2021-02-24T06:12:40Z", CultureInfo.InvariantCulture),
    };

    public static IReadOnlyList<ExportEntry> Entries { get; } =
    [
        Crying,
        LocalFile,
        new ExportEntry
        {
            Position = 2,
            Kind = ExportItemKind.Track,
            Uri = "spotify:track:4uLU6hMCjMI75M1A2tKUQC",
            Id = "4uLU6hMCjMI75M1A2tKUQC",
            Name = "Let's \"Groove\"\r\n<script>alert(1)</script> & more",
            Artists = [new("Earth, Wind & Fire", "spotify:artist:4QQgXkCYTt3BlENzhyNETg"), new("\u0645\u062D\u0645\u062F \u0639\u0628\u062F\u0647", "spotify:artist:0mrMIqnuzNbxvUA0XRcLF7"), new("DJ 🎧‍🔥", null)],
            AlbumUri = "spotify:album:0aWMVrwxPNYkKmFthzmpRi",
            AlbumName = "Raise!",
            AlbumArtists = [new("Earth, Wind & Fire", "spotify:artist:4QQgXkCYTt3BlENzhyNETg")],
            AlbumReleaseDate = "1981",
            DiscNumber = 1,
            TrackNumber = 1,
            DurationMs = 338_000,
            Explicit = true,
            Isrc = "usSm18100116",
            AddedBy = "user,with\"quote",
            AddedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2)),
        },
        new ExportEntry
        {
            Position = 3,
            Kind = ExportItemKind.Episode,
            Uri = "spotify:episode:512ojhOuo1ktJprKbVcKyQ",
            Id = "512ojhOuo1ktJprKbVcKyQ",
            Name = "Episode \u05E9\u05DC\u05D5\u05DD",
            ShowUri = "spotify:show:5CfCWKI5pZ28U0uOzXkDHe",
            ShowName = "The Show, Daily",
            DurationMs = 1_502_795,
            Explicit = false,
            AddedBy = AddedByUser,
            AddedAt = new DateTimeOffset(2026, 2, 3, 0, 0, 0, TimeSpan.Zero),
            RawJson = """{"type":"episode","id":"512ojhOuo1ktJprKbVcKyQ","name":"Episode","show":{"name":"The Show, Daily"}}""",
        },
        new ExportEntry
        {
            Position = 4,
            Kind = ExportItemKind.Track,
            Uri = "spotify:track:0000000000000000000001",
            Id = "0000000000000000000001",
            Name = "Gone From Spotify",
            Artists = [new("Vanished", "spotify:artist:0000000000000000000002")],
            DurationMs = 1,
            IsAvailable = false,
            RawJson = "{not json at all",
        },
        new ExportEntry
        {
            Position = 5,
            Kind = ExportItemKind.Track,
            Uri = "spotify:track:0000000000000000000003",
            Id = "0000000000000000000003",
            Name = "Removed Later",
            Artists = [new("Someone", "spotify:artist:0000000000000000000004")],
            DurationMs = 200_000,
            RemovedAt = new DateTimeOffset(2026, 2, 20, 8, 0, 0, TimeSpan.Zero),
        },
        new ExportEntry { Position = 6, Kind = ExportItemKind.Unknown },
    ];

    /// <summary>The URI column as the entries should come back (the unknown entry has none).</summary>
    public static IReadOnlyList<string> Uris => Entries.Select(entry => entry.Uri ?? "").ToList();

    public static string Write(ExportFormat format, IEnumerable<ExportEntry>? entries = null, ExportPlaylist? playlist = null)
    {
        using var output = new MemoryStream();
        PlaylistExporter.Write(format, playlist ?? Playlist, entries ?? Entries, output);
        return new UTF8Encoding(false, true).GetString(output.ToArray());
    }

    /// <summary>A generated track entry; long enough fields that holding 10,000 of them would show.</summary>
    public static ExportEntry Generated(int position) => new()
    {
        Position = position,
        Kind = ExportItemKind.Track,
        Uri = "spotify:track:" + position.ToString("D22", CultureInfo.InvariantCulture),
        Id = position.ToString("D22", CultureInfo.InvariantCulture),
        Name = "Track " + position.ToString(CultureInfo.InvariantCulture) + new string('x', 200),
        Artists = [new("Artist " + position.ToString(CultureInfo.InvariantCulture), "spotify:artist:" + position.ToString("D22", CultureInfo.InvariantCulture))],
        AlbumName = "Album",
        DurationMs = 180_000 + position,
        Explicit = false,
        AddedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(position),
        RawJson = "{\"id\":\"" + position.ToString("D22", CultureInfo.InvariantCulture) + "\",\"name\":\"" + new string('y', 1000) + "\"}",
    };

    /// <summary>Runs <paramref name="action"/> with the current culture set to <paramref name="culture"/>.</summary>
    public static T InCulture<T>(string culture, Func<T> action)
    {
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            return action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }
    }
}
