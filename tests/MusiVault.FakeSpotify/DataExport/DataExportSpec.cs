namespace MusiVault.FakeSpotify.DataExport;

/// <summary>What <see cref="DataExportGenerator"/> writes. The same spec and seed always give the same bytes.</summary>
public sealed record DataExportSpec
{
    /// <summary>Extended-history plays (audio and video files together; endsong duplicates come on top).</summary>
    public int Plays { get; init; } = 5_000;

    /// <summary>The years the history spans, ending at <see cref="End"/>.</summary>
    public int Years { get; init; } = 3;

    public int Seed { get; init; } = 42;

    /// <summary>Write one zip (my_spotify_data.zip) instead of a folder tree.</summary>
    public bool Zip { get; init; }

    /// <summary>Add a Streaming_History_Audio file cut in the middle of a record (its plays repeat others).</summary>
    public bool Truncated { get; init; }

    /// <summary>Write the podcast account history as UTF-16 LE with a BOM and YourLibrary.json with a UTF-8 BOM.</summary>
    public bool OddEncodings { get; init; }

    /// <summary>Records per Streaming_History_Audio file (Spotify's files hold about 16,000, some 12 MB).</summary>
    public int PlaysPerFile { get; init; } = 16_000;

    /// <summary>Distinct tracks; null: a few thousand, fewer for small exports.</summary>
    public int? DistinctTracks { get; init; }

    public static readonly DateTimeOffset End = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
}

/// <summary>The exact content of a generated export, for tests to compare against. Paths use '/'.</summary>
public sealed class DataExportManifest
{
    public required int Seed { get; init; }

    /// <summary>The zip's file name relative to the folder, or null when written as a folder tree.</summary>
    public string? ZipFile { get; set; }

    public List<DataExportFileEntry> Files { get; } = [];

    /// <summary>Distinct extended-history plays (audio + video): what a store holds after deduplication.</summary>
    public int ExtendedPlays { get; set; }

    /// <summary>Records of the endsong file; every one repeats an extended play of the newer files.</summary>
    public int EndsongDuplicates { get; set; }

    public int AccountMusicPlays { get; set; }

    public int AccountPodcastPlays { get; set; }

    /// <summary>Account-data plays that are also in the extended history (minute resolution).</summary>
    public int AccountMatched { get; set; }

    /// <summary>Account-data plays after the extended history ends: only the account data knows them.</summary>
    public int AccountOnly { get; set; }

    /// <summary>Distinct plays an import should end with: extended plus account-only.</summary>
    public int DistinctPlays => ExtendedPlays + AccountOnly;

    public Dictionary<string, int> PlaysByKind { get; } = new(StringComparer.Ordinal);

    /// <summary>Library items per YourLibrary.json section name.</summary>
    public Dictionary<string, int> LibraryItems { get; } = new(StringComparer.Ordinal);

    /// <summary>Library items without a URI (kept by name only).</summary>
    public int LibraryItemsWithoutUri { get; set; }

    public int Playlists { get; set; }

    public int PlaylistItems { get; set; }

    public int PlaylistItemsWithoutUri { get; set; }

    public int DistinctTracksPlayed { get; set; }
}

public sealed class DataExportFileEntry
{
    public required string Path { get; init; }

    /// <summary>audio, video, endsong, accountMusic, accountPodcast, library, playlists.</summary>
    public required string Kind { get; init; }

    /// <summary>Records a reader must return (0 for a truncated file, which must be reported instead).</summary>
    public int Records { get; set; }

    public int Tracks { get; set; }

    public int Episodes { get; set; }

    public int Audiobooks { get; set; }

    public int Unknown { get; set; }

    public bool Truncated { get; set; }

    /// <summary>utf-8, utf-8-bom or utf-16le-bom.</summary>
    public string Encoding { get; set; } = "utf-8";

    public long Bytes { get; set; }
}
