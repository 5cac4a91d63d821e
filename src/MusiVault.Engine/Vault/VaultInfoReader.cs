namespace MusiVault.Engine.Vault;

public static class VaultInfoReader
{
    public static VaultInfo Read(string path)
    {
        var fullPath = Path.GetFullPath(path);
        using var connection = VaultDatabase.Open(fullPath);
        var info = new VaultInfo
        {
            Path = fullPath,
            SchemaVersion = VaultSchema.GetVersion(connection),
            SqliteVersion = VaultDatabase.SqliteVersion(connection),
        };
        // One statement, one read snapshot: the counts agree with each other even while a sync writes.
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT
                  (SELECT count(*) FROM tracks WHERE type <> 'episode'),
                  (SELECT count(*) FROM liked_tracks WHERE removed_at IS NULL),
                  (SELECT count(*) FROM playlists WHERE deleted_at IS NULL),
                  (SELECT count(*) FROM playlist_entries e JOIN playlists p ON p.id = e.playlist_id WHERE p.deleted_at IS NULL),
                  (SELECT count(*) FROM albums),
                  (SELECT count(*) FROM saved_albums WHERE removed_at IS NULL),
                  (SELECT count(*) FROM artists),
                  (SELECT count(*) FROM followed_artists WHERE removed_at IS NULL),
                  (SELECT count(*) FROM shows),
                  (SELECT count(*) FROM saved_shows WHERE removed_at IS NULL),
                  (SELECT count(*) FROM tracks WHERE type = 'episode'),
                  (SELECT count(*) FROM saved_episodes WHERE removed_at IS NULL),
                  (SELECT count(*) FROM recently_played),
                  (SELECT count(*) FROM changes),
                  (SELECT count(*) FROM sync_runs),
                  (SELECT coalesce(ended_at, started_at) FROM sync_runs ORDER BY id DESC LIMIT 1),
                  (SELECT status FROM sync_runs ORDER BY id DESC LIMIT 1);
                """;
            using var reader = command.ExecuteReader();
            reader.Read();
            info.Tracks = reader.GetInt64(0);
            info.LikedTracks = reader.GetInt64(1);
            info.Playlists = reader.GetInt64(2);
            info.PlaylistEntries = reader.GetInt64(3);
            info.Albums = reader.GetInt64(4);
            info.SavedAlbums = reader.GetInt64(5);
            info.Artists = reader.GetInt64(6);
            info.FollowedArtists = reader.GetInt64(7);
            info.Shows = reader.GetInt64(8);
            info.SavedShows = reader.GetInt64(9);
            info.Episodes = reader.GetInt64(10);
            info.SavedEpisodes = reader.GetInt64(11);
            info.Plays = reader.GetInt64(12);
            info.Changes = reader.GetInt64(13);
            info.SyncRuns = reader.GetInt64(14);
            info.LastSyncAt = Query.VaultText.ToDate(reader.IsDBNull(15) ? null : reader.GetString(15));
            info.LastSyncStatus = reader.IsDBNull(16) ? null : reader.GetString(16);
        }
        // Main file plus WAL: what the vault occupies on disk right now.
        info.SizeBytes = FileSize(fullPath) + FileSize(fullPath + "-wal");
        return info;
    }

    private static long FileSize(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
