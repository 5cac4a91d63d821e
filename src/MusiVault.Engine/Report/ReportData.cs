namespace MusiVault.Engine.Report;

/// <summary>
/// Everything the HTML report shows, already aggregated. Filled from SQL aggregates (counts per month, top-n per year,
/// a 7×24 heat map), never from every play, so its size follows the library (entries, tracks) and the number of months,
/// not the number of plays. Tracks are listed once in <see cref="Tracks"/> and referenced by index everywhere else,
/// which keeps 40,000 playlist entries to a few bytes each.
/// </summary>
internal sealed record ReportData
{
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Shown in the title; a file name, not a full path, so a shared report does not reveal the home folder.</summary>
    public string VaultName { get; init; } = "vault";

    public required ReportOverview Overview { get; init; }

    /// <summary>One row per month that had any change; the renderer fills the gaps with zeros.</summary>
    public IReadOnlyList<LibraryMonth> LibraryByMonth { get; init; } = [];

    /// <summary>Most recent first, already cut to the number the report should list (e.g. 100).</summary>
    public IReadOnlyList<VanishedTrack> RecentlyVanished { get; init; } = [];

    /// <summary>Null when the vault holds no plays: the listening section then says how to get them.</summary>
    public ReportListening? Listening { get; init; }

    public IReadOnlyList<ReportPlaylist> Playlists { get; init; } = [];

    /// <summary>Every distinct track the report mentions by index, and the client-side search index.</summary>
    public IReadOnlyList<ReportTrack> Tracks { get; init; } = [];
}

internal sealed record ReportOverview
{
    public long LikedSongs { get; init; }
    public long Playlists { get; init; }
    public long PlaylistEntries { get; init; }
    public long Albums { get; init; }
    public long Artists { get; init; }
    public long Shows { get; init; }
    public long Episodes { get; init; }
    public long Plays { get; init; }
    public DateTimeOffset? VaultCreatedAt { get; init; }
    public DateTimeOffset? LastSyncAt { get; init; }
    public DateTimeOffset? LastBackupAt { get; init; }

    /// <summary>Playlists whose items Spotify's Development Mode withheld, so the vault has their name but no entries.</summary>
    public IReadOnlyList<WithheldPlaylist> Withheld { get; init; } = [];
}

internal sealed record WithheldPlaylist(string Name, string? Owner);

/// <summary>A calendar month in the report's time zone (SQL groups by this key).</summary>
internal readonly record struct ReportMonth(int Year, int Month) : IComparable<ReportMonth>
{
    public static ReportMonth Of(DateTimeOffset local) => new(local.Year, local.Month);

    public ReportMonth Next() => Month == 12 ? new(Year + 1, 1) : new(Year, Month + 1);

    public int CompareTo(ReportMonth other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    public static bool operator <(ReportMonth left, ReportMonth right) => left.CompareTo(right) < 0;
    public static bool operator >(ReportMonth left, ReportMonth right) => left.CompareTo(right) > 0;
    public static bool operator <=(ReportMonth left, ReportMonth right) => left.CompareTo(right) <= 0;
    public static bool operator >=(ReportMonth left, ReportMonth right) => left.CompareTo(right) >= 0;

    public override string ToString() =>
        Year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + "-" +
        Month.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Library changes in one month. Added counts come from added_at dates and history; the rest from history.</summary>
internal sealed record LibraryMonth(
    ReportMonth Month,
    int LikedAdded,
    int EntriesAdded,
    int EntriesRemoved,
    int Unliked,
    int BecameUnavailable);

internal sealed record VanishedTrack(int TrackIndex, string Playlist, DateTimeOffset VanishedAt, VanishedReason Reason);

internal enum VanishedReason
{
    Removed,
    Unliked,
    Unavailable,
}

internal sealed record ReportListening
{
    public IReadOnlyList<ListeningMonth> ByMonth { get; init; } = [];
    public IReadOnlyList<ListeningYear> TopByYear { get; init; } = [];
    public required ListeningHeatMap HeatMap { get; init; }
    public long Plays { get; init; }
    public long SkippedPlays { get; init; }

    /// <summary>The date a year before the report's date; plays of that day follow.</summary>
    public DateOnly OnThisDayDate { get; init; }

    public IReadOnlyList<OnThisDayPlay> OnThisDay { get; init; } = [];

    public double SkippedShare => Plays == 0 ? 0 : (double)SkippedPlays / Plays;
}

internal sealed record ListeningMonth(ReportMonth Month, double Hours, long Plays);

internal sealed record ListeningYear(
    int Year,
    double Hours,
    IReadOnlyList<RankedItem> TopArtists,
    IReadOnlyList<RankedItem> TopTracks,
    IReadOnlyList<RankedItem> TopAlbums);

/// <summary>One row of a top list. <paramref name="Detail"/> is the artist for tracks and albums.</summary>
internal sealed record RankedItem(string Name, string? Detail, long Plays, double Hours, string? ImageUrl = null);

internal sealed record OnThisDayPlay(DateTimeOffset EndedAt, string Name, string? Artist, bool Skipped);

/// <summary>Plays per weekday and local hour: cell [day * 24 + hour], day as <see cref="DayOfWeek"/> (Sunday = 0).</summary>
internal sealed class ListeningHeatMap
{
    private readonly long[] _cells = new long[7 * 24];

    public long this[DayOfWeek day, int hour]
    {
        get => _cells[Index(day, hour)];
        set => _cells[Index(day, hour)] = value;
    }

    public long Max => _cells.Max();

    private static int Index(DayOfWeek day, int hour)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hour);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hour, 23);
        return (int)day * 24 + hour;
    }
}

internal sealed record ReportPlaylist
{
    public required string Name { get; init; }
    public string? Owner { get; init; }
    public string? SpotifyUri { get; init; }
    public string? ImageUrl { get; init; }
    public int EntryCount { get; init; }
    public DateTimeOffset? LastChangedAt { get; init; }
    public int ChangeCount { get; init; }

    /// <summary>Current entries in playlist order.</summary>
    public IReadOnlyList<ReportEntry> Entries { get; init; } = [];

    /// <summary>Newest first; round 2 may cut it (e.g. last 200) and keep <see cref="ChangeCount"/> as the full count.</summary>
    public IReadOnlyList<ReportChange> Changes { get; init; } = [];
}

internal sealed record ReportEntry(int TrackIndex, DateTimeOffset? AddedAt);

/// <summary>A history row of a playlist. Kind is the store's change kind (added, removed, renamed, …).</summary>
internal sealed record ReportChange(DateTimeOffset At, string Kind, int? TrackIndex, string? Detail);

internal sealed record ReportTrack(string Name, IReadOnlyList<string> Artists, string? Album, string? SpotifyUri = null);

/// <summary>How to render; not part of the data.</summary>
internal sealed record ReportRenderOptions
{
    /// <summary>Times in views are shown in this zone; data keeps ISO 8601 with offset.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Local;

    /// <summary>
    /// Image URL → thumbnail bytes. Only used with <see cref="EmbedImages"/>; images without a thumbnail stay links,
    /// so the report never loads anything from the network.
    /// </summary>
    public IReadOnlyDictionary<string, ReportThumbnail> Thumbnails { get; init; } = new Dictionary<string, ReportThumbnail>();

    public bool EmbedImages { get; init; }
}

internal sealed record ReportThumbnail(string MediaType, ReadOnlyMemory<byte> Data);
