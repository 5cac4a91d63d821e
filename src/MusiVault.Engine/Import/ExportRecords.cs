namespace MusiVault.Engine.Import;

/// <summary>The files of Spotify's privacy export the importer understands, recognised by name alone.</summary>
internal enum ExportFileKind
{
    /// <summary>Streaming_History_Audio_*.json (extended streaming history).</summary>
    ExtendedAudio,

    /// <summary>Streaming_History_Video_*.json (extended streaming history of video podcasts).</summary>
    ExtendedVideo,

    /// <summary>endsong_N.json: the extended history as exports before 2023 named it (with the *_decrypted fields).</summary>
    ExtendedEndsong,

    /// <summary>StreamingHistory_music_N.json or StreamingHistoryN.json (account data, minute resolution).</summary>
    AccountMusic,

    /// <summary>StreamingHistory_podcast_N.json (account data, minute resolution).</summary>
    AccountPodcast,

    /// <summary>YourLibrary.json.</summary>
    Library,

    /// <summary>PlaylistN.json.</summary>
    Playlists,
}

/// <summary>Which part of the export a play came from: it decides its precision and which fields it can have.</summary>
internal enum ExportPlaySource
{
    /// <summary>Extended streaming history: end time to the second, URIs, every field.</summary>
    ExtendedHistory,

    /// <summary>Account data: end time to the minute, names only, no URI.</summary>
    AccountData,
}

internal enum ExportPlayKind
{
    /// <summary>Every metadata field null: Spotify could not say what was played.</summary>
    Unknown,
    Track,
    Episode,
    Audiobook,
}

/// <summary>
/// One play as the export states it. Nothing is looked up or completed here: the store decides how it merges plays from
/// several exports and from the API (see <see cref="PlayIdentity"/>).
/// </summary>
internal sealed class ExportPlay
{
    /// <summary>When the play ended (the export's <c>ts</c> / <c>endTime</c>), UTC.</summary>
    public required DateTimeOffset EndedAt { get; init; }

    public required long MsPlayed { get; init; }

    public required ExportPlaySource Source { get; init; }

    public ExportPlayKind Kind { get; init; }

    public string? TrackName { get; init; }

    public string? ArtistName { get; init; }

    public string? AlbumName { get; init; }

    public string? TrackUri { get; init; }

    public string? EpisodeName { get; init; }

    public string? ShowName { get; init; }

    public string? EpisodeUri { get; init; }

    public string? AudiobookTitle { get; init; }

    public string? AudiobookUri { get; init; }

    public string? AudiobookChapterTitle { get; init; }

    public string? AudiobookChapterUri { get; init; }

    public string? Platform { get; init; }

    public string? Country { get; init; }

    public string? ReasonStart { get; init; }

    public string? ReasonEnd { get; init; }

    public bool? Shuffle { get; init; }

    public bool? Skipped { get; init; }

    public bool? Offline { get; init; }

    /// <summary>
    /// The export's <c>offline_timestamp</c> as sent: Spotify has written it in seconds and in milliseconds since the
    /// epoch in different years, so it is kept raw; <see cref="OfflineAt"/> interprets it.
    /// </summary>
    public long? OfflineTimestamp { get; init; }

    public bool? IncognitoMode { get; init; }

    /// <summary>ip_addr or ip_addr_decrypted: personal data, set only when <see cref="ExportReadOptions.IncludeNetworkFields"/>.</summary>
    public string? IpAddress { get; init; }

    /// <summary>user_agent_decrypted (endsong files only), same rule as <see cref="IpAddress"/>.</summary>
    public string? UserAgent { get; init; }

    /// <summary>username (endsong files only), same rule as <see cref="IpAddress"/>.</summary>
    public string? Username { get; init; }

    /// <summary>The URI of what was played, whichever kind it is; null for account data and unknown plays.</summary>
    public string? ItemUri => TrackUri ?? EpisodeUri ?? AudiobookChapterUri ?? AudiobookUri;

    /// <summary>The offline time, guessing the unit: values past year 2200 in seconds are milliseconds.</summary>
    public DateTimeOffset? OfflineAt => OfflineTimestamp switch
    {
        null or <= 0 => null,
        < 7_258_118_400L => DateTimeOffset.FromUnixTimeSeconds(OfflineTimestamp.Value),
        < 253_402_300_799_999L => DateTimeOffset.FromUnixTimeMilliseconds(OfflineTimestamp.Value),
        _ => null,
    };

    public PlayIdentity Identity => PlayIdentity.Of(this);
}

internal enum ExportLibrarySection
{
    Track,
    Album,
    Artist,
    Show,
    Episode,
    BannedTrack,
    BannedArtist,
    Other,
}

/// <summary>One entry of YourLibrary.json. <see cref="Uri"/> may be null: then the item is known only by its names.</summary>
internal sealed class ExportLibraryItem
{
    public required ExportLibrarySection Section { get; init; }

    /// <summary>The section's name as written in the file ("tracks", "bannedTracks", ...), kept for unknown sections.</summary>
    public required string SectionName { get; init; }

    /// <summary>Track, album, artist, show or episode name, whichever the section holds.</summary>
    public string? Name { get; init; }

    public string? ArtistName { get; init; }

    public string? AlbumName { get; init; }

    /// <summary>For episodes the show's name; for shows the publisher.</summary>
    public string? ShowOrPublisher { get; init; }

    public string? Uri { get; init; }
}

internal enum ExportPlaylistItemKind
{
    /// <summary>An item whose track, episode, audiobook and localTrack were all null.</summary>
    Unknown,
    Track,
    Episode,
    Audiobook,
    LocalTrack,
}

internal sealed class ExportPlaylistItem
{
    public required ExportPlaylistItemKind Kind { get; init; }

    public string? Name { get; init; }

    public string? ArtistName { get; init; }

    public string? AlbumName { get; init; }

    public string? ShowName { get; init; }

    /// <summary>Null when the export names the item without a URI: it is kept as a name-only item.</summary>
    public string? Uri { get; init; }

    /// <summary>The day the item was added (the export gives a date, no time).</summary>
    public DateOnly? AddedDate { get; init; }
}

internal sealed class ExportPlaylist
{
    public required string Name { get; init; }

    public DateOnly? LastModifiedDate { get; init; }

    public string? Description { get; init; }

    public int? NumberOfFollowers { get; init; }

    public IReadOnlyList<string> Collaborators { get; init; } = [];

    public IReadOnlyList<ExportPlaylistItem> Items { get; init; } = [];
}

/// <summary>Tuning of <see cref="ExportFileReader"/>.</summary>
internal sealed record ExportReadOptions
{
    public static readonly ExportReadOptions Default = new();

    /// <summary>Keep ip_addr, user_agent_decrypted and username (off: they are personal and not needed for history).</summary>
    public bool IncludeNetworkFields { get; init; }

    /// <summary>Records handed over per batch: bounds the memory a file takes whatever its size.</summary>
    public int BatchSize { get; init; } = 2_000;

    /// <summary>The largest single record (a playlist with all its items) the reader will buffer.</summary>
    public int MaxRecordBytes { get; init; } = 64 * 1024 * 1024;
}

/// <summary>A malformed or truncated file: where it went wrong, 1-based line and column, 0-based byte offset.</summary>
internal sealed record ExportFileError(string FileName, long Line, long Column, long ByteOffset, string Message)
{
    public override string ToString() => $"{FileName}: line {Line}, column {Column} (byte {ByteOffset}): {Message}";
}
