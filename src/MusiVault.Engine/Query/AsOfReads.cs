using System.Globalization;

namespace MusiVault.Engine.Query;

/// <summary>
/// Point in time. A playlist's entries or a saved collection as they were at an instant, read from the interval tables
/// (playlist_entry_versions, saved_intervals) in the shape of the current-state tables, so each family's SELECT only
/// swaps its source. An instant before what the vault knows is an error naming the earliest date it knows.
/// </summary>
internal static class AsOfReads
{
    /// <summary>The collection tables that keep intervals, by the name the intervals use.</summary>
    public const string LikedTracks = "liked_tracks", SavedAlbums = "saved_albums", SavedShows = "saved_shows",
        SavedEpisodes = "saved_episodes", FollowedArtists = "followed_artists";

    /// <summary>A source shaped like playlist_entries: the entries of every playlist at <paramref name="asOf"/>.</summary>
    public static string Entries(SqlFilter filter, DateTimeOffset asOf)
    {
        var at = filter.Parameter(Stamp(asOf));
        return $"(SELECT * FROM playlist_entry_versions WHERE valid_from <= {at} AND (valid_to IS NULL OR valid_to > {at}))";
    }

    /// <summary>
    /// A source shaped like the collection table <paramref name="collection"/> (key column <paramref name="keyColumn"/>):
    /// what was in it at <paramref name="asOf"/>, newest first (Spotify's added date, else when the vault saw
    /// it), none removed. Checks the date first.
    /// </summary>
    public static string Saved(ReadSession read, SqlFilter filter, string collection, string keyColumn, DateTimeOffset asOf)
    {
        EnsureCovered(CollectionStart(read, collection), asOf, CollectionLabel(collection));
        var at = filter.Parameter(Stamp(asOf));
        var name = filter.Parameter(collection);
        return $"""
            (SELECT item_key AS {keyColumn}, added_at AS added_at, valid_from AS followed_at, NULL AS removed_at,
                    row_number() OVER (ORDER BY coalesce(added_at, valid_from) DESC, valid_from DESC, item_key) - 1 AS position
             FROM saved_intervals
             WHERE collection = {name} AND valid_from <= {at} AND (valid_to IS NULL OR valid_to > {at}))
            """;
    }

    public static void EnsurePlaylistCovered(ReadSession read, string playlistId, DateTimeOffset asOf) =>
        EnsureCovered(PlaylistStart(read, playlistId), asOf, "this playlist's entries");

    /// <summary>The earliest instant the vault knows the entries of <paramref name="playlistId"/>; null if never read.</summary>
    public static DateTimeOffset? PlaylistStart(ReadSession read, string playlistId)
    {
        var filter = new SqlFilter();
        var id = filter.Parameter(playlistId);
        return Instant(read, filter, $"""
            SELECT coalesce((SELECT min(valid_from) FROM playlist_entry_versions WHERE playlist_id = {id}),
                            (SELECT first_seen_at FROM playlists WHERE id = {id})) AS earliest
            """);
    }

    /// <summary>
    /// The earliest instant the vault knows <paramref name="collection"/>: its first sync (an empty collection then is
    /// known to be empty) or an earlier recorded stretch (imported); null before any sync.
    /// </summary>
    public static DateTimeOffset? CollectionStart(ReadSession read, string collection)
    {
        var filter = new SqlFilter();
        var name = filter.Parameter(collection);
        return Instant(read, filter, $"""
            SELECT min(x) AS earliest FROM (SELECT min(first_seen) AS x FROM saved_intervals WHERE collection = {name}
                                            UNION ALL SELECT min(started_at) FROM sync_runs)
            """);
    }

    public static MusiVaultException NeedsCollection(string what) =>
        new("AsOfNeedsCollection", ErrorKind.InvalidArgument,
            $"-AsOf reads a playlist or a saved collection as it was then; add {what}.");

    private static void EnsureCovered(DateTimeOffset? earliest, DateTimeOffset asOf, string what)
    {
        if (earliest is null || asOf < earliest.Value)
        {
            var known = earliest is { } e
                ? $"The earliest date the vault knows for {what} is {e.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)}."
                : $"The vault has no history of {what} yet (run Sync-SpotifyLibrary).";
            throw new MusiVaultException("AsOfBeforeHistory", ErrorKind.InvalidArgument,
                $"{asOf.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)} is before the vault's history. {known}",
                asOf) { Data = { ["Earliest"] = earliest } };
        }
    }

    private static DateTimeOffset? Instant(ReadSession read, SqlFilter filter, string sql) =>
        read.Stream<DateTimeOffset?>(sql, filter, r => () => r.IsDBNull(0) ? (DateTimeOffset?)null
            : DateTimeOffset.Parse(r.GetString(0), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)).First();

    public static string Stamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string CollectionLabel(string collection) => collection switch
    {
        LikedTracks => "Liked Songs",
        SavedAlbums => "saved albums",
        SavedShows => "saved shows",
        SavedEpisodes => "saved episodes",
        _ => "followed artists",
    };
}
