using Microsoft.Data.Sqlite;

namespace MusiVault.Engine.Query;

/// <summary>Artists (every one the vault knows, or the followed ones) and the names credited on items.</summary>
internal static class ArtistReads
{
    public static IEnumerable<VaultArtist> Artists(ReadSession read, ArtistQuery query)
    {
        var filter = new SqlFilter();
        var followed = query.AsOf is not { } asOf ? "followed_artists"
            : query.Followed ? AsOfReads.Saved(read, filter, AsOfReads.FollowedArtists, "artist_id", asOf)
            : throw AsOfReads.NeedsCollection("-Followed");
        if (query.Followed)
        {
            filter.InSavedCollection("fa", "artist_id", query.IncludeRemoved);
        }
        filter.In(query.Ids, "a.id", "a.uri");
        if (query.TrackIds is not null)
        {
            var tracks = filter.Json(query.TrackIds);
            filter.Add($"a.id IN (SELECT ta.artist_id FROM track_artists ta JOIN tracks t ON t.uri = ta.track_uri WHERE t.uri IN (SELECT value FROM json_each({tracks})) OR t.id IN (SELECT value FROM json_each({tracks})))");
        }
        if (query.AlbumIds is not null)
        {
            filter.Add($"a.id IN (SELECT artist_id FROM album_artists WHERE album_id IN (SELECT value FROM json_each({filter.Json(query.AlbumIds)})))");
        }
        filter.Like("a.name", query.Name);
        var sql = $"""
            SELECT a.id AS id, a.uri AS uri, a.name AS name, a.genres AS genres, a.followers AS followers,
                   fa.artist_id IS NOT NULL AND fa.removed_at IS NULL AS followed, fa.followed_at AS followed_at,
                   fa.removed_at AS removed_at,
                   (SELECT count(DISTINCT ta.track_uri) FROM track_artists ta WHERE ta.artist_id = a.id) AS track_count
            FROM artists a
            LEFT JOIN {followed} fa ON fa.artist_id = a.id
            {filter.Where}
            ORDER BY {(query.Followed ? "fa.removed_at IS NOT NULL, fa.position, a.rowid" : "a.rowid")}
            {filter.Limit(query.First)}
            """;
        return read.Stream(sql, filter, Mapper);
    }

    private static Func<VaultArtist> Mapper(SqliteDataReader r)
    {
        int id = r.GetOrdinal("id"), uri = r.GetOrdinal("uri"), name = r.GetOrdinal("name"), genres = r.GetOrdinal("genres"),
            followers = r.GetOrdinal("followers"), followed = r.GetOrdinal("followed"), followedAt = r.GetOrdinal("followed_at"),
            removedAt = r.GetOrdinal("removed_at"), trackCount = r.GetOrdinal("track_count");
        return () => new VaultArtist
        {
            Id = r.Text(id),
            Uri = r.TextOrNull(uri),
            Name = r.Text(name),
            Genres = r.Names(genres),
            Followers = r.LongOrNull(followers),
            Followed = r.Flag(followed),
            FollowedAt = r.DateOrNull(followedAt),
            RemovedAt = r.DateOrNull(removedAt),
            TrackCount = r.GetInt32(trackCount),
        };
    }

    /// <summary>Distinct artist names credited on items, for completion (includes local-file artists).</summary>
    public static IEnumerable<string> CreditedNames(ReadSession read, string namePattern, int first)
    {
        var filter = new SqlFilter();
        filter.Like("artist_name", namePattern);
        var sql = $"SELECT DISTINCT artist_name AS name FROM track_artists {filter.Where} ORDER BY artist_name {filter.Limit(first)}";
        return read.Stream<string>(sql, filter, r =>
        {
            var name = r.GetOrdinal("name");
            return () => r.Text(name);
        });
    }
}
