using Microsoft.Data.Sqlite;

namespace MusiVault.Engine.Query;

/// <summary>Playlists, and resolving the playlist a user names.</summary>
internal static class PlaylistReads
{
    public static IEnumerable<VaultPlaylist> Playlists(ReadSession read, PlaylistQuery query)
    {
        var filter = new SqlFilter();
        if (!query.IncludeDeleted && query.Ids is null)
        {
            filter.Add("p.deleted_at IS NULL");
        }
        filter.In(query.Ids, "p.id", "p.uri");
        filter.Like("p.name", query.Name);
        if (query.Owned)
        {
            filter.Add("p.owner_id IN (SELECT user_id FROM profile)");
        }
        var sql = $"""
            SELECT p.id AS id, p.uri AS uri, p.name AS name, p.description AS description,
                   coalesce(p.owner_name, p.owner_id) AS owner, p.owner_id AS owner_id, p.public AS public,
                   p.collaborative AS collaborative,
                   coalesce(p.items_total, (SELECT count(*) FROM playlist_entries e WHERE e.playlist_id = p.id)) AS track_count,
                   p.items_available AS items_available, p.snapshot_id AS snapshot_id, p.followers AS followers,
                   p.last_changed_at AS last_changed_at, p.deleted_at AS deleted_at
            FROM playlists p
            {filter.Where}
            ORDER BY p.deleted_at IS NOT NULL, p.list_position, p.rowid
            {filter.Limit(query.First)}
            """;
        return read.Stream(sql, filter, Mapper);
    }

    private static Func<VaultPlaylist> Mapper(SqliteDataReader r)
    {
        int id = r.GetOrdinal("id"), uri = r.GetOrdinal("uri"), name = r.GetOrdinal("name"), description = r.GetOrdinal("description"),
            owner = r.GetOrdinal("owner"), ownerId = r.GetOrdinal("owner_id"), isPublic = r.GetOrdinal("public"),
            collaborative = r.GetOrdinal("collaborative"), trackCount = r.GetOrdinal("track_count"),
            itemsAvailable = r.GetOrdinal("items_available"), snapshotId = r.GetOrdinal("snapshot_id"),
            followers = r.GetOrdinal("followers"), lastChangedAt = r.GetOrdinal("last_changed_at"), deletedAt = r.GetOrdinal("deleted_at");
        return () => new VaultPlaylist
        {
            Id = r.Text(id),
            PlaylistId = r.Text(id),
            Uri = r.TextOrNull(uri),
            Name = r.Text(name),
            Description = r.TextOrNull(description),
            Owner = r.TextOrNull(owner),
            OwnerId = r.TextOrNull(ownerId),
            Public = r.FlagOrNull(isPublic),
            Collaborative = r.Flag(collaborative),
            TrackCount = r.GetInt32(trackCount),
            ItemsAvailable = r.FlagOrNull(itemsAvailable),
            SnapshotId = r.TextOrNull(snapshotId),
            Followers = r.IntOrNull(followers),
            LastChangedAt = r.DateOrNull(lastChangedAt),
            DeletedAt = r.DateOrNull(deletedAt),
        };
    }

    /// <summary>The ids of the playlists a user's -Playlist text names (see <see cref="PlaylistReference"/>).</summary>
    public static IReadOnlyList<string> Resolve(ReadSession read, PlaylistReference reference)
    {
        const string sql = "SELECT id, uri, name, deleted_at IS NOT NULL AS deleted FROM playlists ORDER BY deleted_at IS NOT NULL, list_position, rowid";
        return reference.ResolveIn(read.Stream(sql, new SqlFilter(), CandidateMapper));
    }

    /// <summary>Names of those playlists whose items Spotify refused to this app (items_available = 0).</summary>
    public static IEnumerable<string> Withheld(ReadSession read, IReadOnlyList<string> playlistIds)
    {
        var filter = new SqlFilter();
        filter.In(playlistIds, "id");
        filter.Add("items_available = 0");
        return read.Stream<string>($"SELECT name FROM playlists {filter.Where} ORDER BY list_position, rowid", filter, r => () => r.GetString(0)).ToList();
    }

    private static Func<(string Id, string? Uri, string Name, bool Deleted)> CandidateMapper(SqliteDataReader r)
    {
        int id = r.GetOrdinal("id"), uri = r.GetOrdinal("uri"), name = r.GetOrdinal("name"), deleted = r.GetOrdinal("deleted");
        return () => (r.Text(id), r.TextOrNull(uri), r.Text(name), r.Flag(deleted));
    }
}
