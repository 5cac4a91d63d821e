using Microsoft.Data.Sqlite;

namespace MusiVault.Engine.Query;

/// <summary>Albums: every album the vault knows, or the saved ones.</summary>
internal static class AlbumReads
{
    public static IEnumerable<VaultAlbum> Albums(ReadSession read, AlbumQuery query)
    {
        var filter = new SqlFilter();
        var saved = query.AsOf is not { } asOf ? "saved_albums"
            : query.Saved ? AsOfReads.Saved(read, filter, AsOfReads.SavedAlbums, "album_id", asOf)
            : throw AsOfReads.NeedsCollection("-Saved");
        if (query.Saved)
        {
            filter.InSavedCollection("sa", "album_id", query.IncludeRemoved);
        }
        filter.In(query.Ids, "a.id", "a.uri");
        if (query.TrackIds is not null)
        {
            var tracks = filter.Json(query.TrackIds);
            filter.Add($"a.id IN (SELECT album_id FROM tracks WHERE uri IN (SELECT value FROM json_each({tracks})) OR id IN (SELECT value FROM json_each({tracks})))");
        }
        if (query.ArtistIds is not null)
        {
            filter.Add($"a.id IN (SELECT album_id FROM album_artists WHERE artist_id IN (SELECT value FROM json_each({filter.Json(query.ArtistIds)})))");
        }
        filter.Like("a.name", query.Name);
        if (query.Artist is not null)
        {
            filter.Add($"EXISTS (SELECT 1 FROM album_artists aa JOIN artists ar ON ar.id = aa.artist_id WHERE aa.album_id = a.id AND {filter.LikeExpression("ar.name", query.Artist)})");
        }
        var sql = $"""
            SELECT a.id AS id, a.uri AS uri, a.name AS name, a.album_type AS album_type, a.release_date AS release_date,
                   a.total_tracks AS total_tracks, a.label AS label, a.upc AS upc,
                   sa.album_id IS NOT NULL AND sa.removed_at IS NULL AS saved, sa.added_at AS added_at, sa.removed_at AS removed_at,
                   (SELECT json_group_array(name) FROM (SELECT ar.name FROM album_artists aa JOIN artists ar ON ar.id = aa.artist_id
                                                        WHERE aa.album_id = a.id ORDER BY aa.position)) AS artists
            FROM albums a
            LEFT JOIN {saved} sa ON sa.album_id = a.id
            {filter.Where}
            ORDER BY {(query.Saved ? "sa.removed_at IS NOT NULL, sa.position, sa.added_at DESC, a.rowid" : "a.rowid")}
            {filter.Limit(query.First)}
            """;
        return read.Stream(sql, filter, Mapper);
    }

    private static Func<VaultAlbum> Mapper(SqliteDataReader r)
    {
        int id = r.GetOrdinal("id"), uri = r.GetOrdinal("uri"), name = r.GetOrdinal("name"), albumType = r.GetOrdinal("album_type"),
            releaseDate = r.GetOrdinal("release_date"), totalTracks = r.GetOrdinal("total_tracks"), label = r.GetOrdinal("label"),
            upc = r.GetOrdinal("upc"), saved = r.GetOrdinal("saved"), addedAt = r.GetOrdinal("added_at"),
            removedAt = r.GetOrdinal("removed_at"), artists = r.GetOrdinal("artists");
        return () =>
        {
            var names = r.Names(artists);
            return new VaultAlbum
            {
                Id = r.Text(id),
                Uri = r.TextOrNull(uri),
                Name = r.Text(name),
                AlbumType = r.TextOrNull(albumType),
                ReleaseDate = r.TextOrNull(releaseDate),
                TotalTracks = r.IntOrNull(totalTracks),
                Label = r.TextOrNull(label),
                Upc = r.TextOrNull(upc),
                Saved = r.Flag(saved),
                AddedAt = r.DateOrNull(addedAt),
                RemovedAt = r.DateOrNull(removedAt),
                Artists = names,
                ArtistNames = names.ToString(),
            };
        };
    }
}
