using Microsoft.Data.Sqlite;

namespace MusiVault.Engine.Query;

/// <summary>What <c>Get-VaultInfo</c> reports: counts of what the vault holds now, the schema, the last sync.</summary>
internal static class VaultInfoReads
{
    // One statement, one read snapshot: the counts agree with each other even while a sync writes.
    private static readonly string Sql = $"""
        SELECT
          (SELECT count(*) FROM tracks t LEFT JOIN liked_tracks lt ON lt.track_uri = t.uri WHERE {TrackReads.InLibrary}) AS tracks,
          (SELECT count(*) FROM tracks) AS known_tracks,
          (SELECT count(*) FROM liked_tracks WHERE removed_at IS NULL) AS liked_tracks,
          (SELECT count(*) FROM playlists WHERE deleted_at IS NULL) AS playlists,
          (SELECT count(*) FROM playlist_entries e JOIN playlists p ON p.id = e.playlist_id WHERE p.deleted_at IS NULL) AS playlist_entries,
          (SELECT count(*) FROM albums) AS albums,
          (SELECT count(*) FROM saved_albums WHERE removed_at IS NULL) AS saved_albums,
          (SELECT count(*) FROM artists) AS artists,
          (SELECT count(*) FROM followed_artists WHERE removed_at IS NULL) AS followed_artists,
          (SELECT count(*) FROM shows) AS shows,
          (SELECT count(*) FROM saved_shows WHERE removed_at IS NULL) AS saved_shows,
          (SELECT count(*) FROM tracks WHERE type = 'episode') AS episodes,
          (SELECT count(*) FROM saved_episodes WHERE removed_at IS NULL) AS saved_episodes,
          (SELECT count(*) FROM plays_source) AS plays,
          (SELECT count(*) FROM changes) AS changes,
          (SELECT count(*) FROM sync_runs) AS sync_runs,
          (SELECT coalesce(ended_at, started_at) FROM sync_runs ORDER BY id DESC LIMIT 1) AS last_sync_at,
          (SELECT status FROM sync_runs ORDER BY id DESC LIMIT 1) AS last_sync_status,
          (SELECT user_version FROM pragma_user_version) AS schema_version,
          sqlite_version() AS sqlite_version
        """;

    public static VaultInfo Info(ReadSession read)
    {
        // Vaults from before the plays table (not yet upgraded by a sync or an import) keep their plays in recently_played.
        var hasPlays = read.Single<long>("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'plays'", r => () => r.GetInt64(0)) > 0;
        var info = read.Single(Sql.Replace("plays_source", hasPlays ? "plays" : "recently_played", StringComparison.Ordinal), Mapper);
        info.Path = read.VaultPath;
        // Main file plus WAL: what the vault occupies on disk right now.
        info.SizeBytes = FileSize(read.VaultPath) + FileSize(read.VaultPath + "-wal");
        return info;
    }

    private static Func<VaultInfo> Mapper(SqliteDataReader r) => () => new VaultInfo
    {
        Tracks = r.GetInt64(r.GetOrdinal("tracks")),
        KnownTracks = r.GetInt64(r.GetOrdinal("known_tracks")),
        RemovedTracks = r.GetInt64(r.GetOrdinal("known_tracks")) - r.GetInt64(r.GetOrdinal("tracks")),
        LikedTracks = r.GetInt64(r.GetOrdinal("liked_tracks")),
        Playlists = r.GetInt64(r.GetOrdinal("playlists")),
        PlaylistEntries = r.GetInt64(r.GetOrdinal("playlist_entries")),
        Albums = r.GetInt64(r.GetOrdinal("albums")),
        SavedAlbums = r.GetInt64(r.GetOrdinal("saved_albums")),
        Artists = r.GetInt64(r.GetOrdinal("artists")),
        FollowedArtists = r.GetInt64(r.GetOrdinal("followed_artists")),
        Shows = r.GetInt64(r.GetOrdinal("shows")),
        SavedShows = r.GetInt64(r.GetOrdinal("saved_shows")),
        Episodes = r.GetInt64(r.GetOrdinal("episodes")),
        SavedEpisodes = r.GetInt64(r.GetOrdinal("saved_episodes")),
        Plays = r.GetInt64(r.GetOrdinal("plays")),
        Changes = r.GetInt64(r.GetOrdinal("changes")),
        SyncRuns = r.GetInt64(r.GetOrdinal("sync_runs")),
        LastSyncAt = r.DateOrNull(r.GetOrdinal("last_sync_at")),
        LastSyncStatus = r.TextOrNull(r.GetOrdinal("last_sync_status")),
        SchemaVersion = r.GetInt32(r.GetOrdinal("schema_version")),
        SqliteVersion = r.Text(r.GetOrdinal("sqlite_version")),
    };

    private static long FileSize(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
