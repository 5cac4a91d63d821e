using Microsoft.Data.Sqlite;

namespace MusiVault.Engine.Query;

/// <summary>Recently played: plays, newest first.</summary>
internal static class PlayReads
{
    public static IEnumerable<VaultPlay> RecentlyPlayed(ReadSession read, PlayQuery query)
    {
        var filter = new SqlFilter();
        filter.After("rp.played_at", query.After);
        filter.Before("rp.played_at", query.Before);
        filter.Like("t.name", query.Name);
        var sql = $"""
            SELECT rp.played_at AS played_at, coalesce(t.name, '') AS name, {TrackReads.ArtistsOf("rp.track_uri")} AS artists,
                   coalesce(al.name, t.album_name) AS album, t.id AS track_id, rp.track_uri AS uri,
                   coalesce(t.duration_ms, 0) AS duration_ms, rp.context_type AS context_type, rp.context_uri AS context_uri
            FROM recently_played rp
            LEFT JOIN tracks t ON t.uri = rp.track_uri
            LEFT JOIN albums al ON al.id = t.album_id
            {filter.Where}
            ORDER BY rp.played_at DESC
            {filter.Limit(query.First)}
            """;
        return read.Stream(sql, filter, Mapper);
    }

    private static Func<VaultPlay> Mapper(SqliteDataReader r)
    {
        int playedAt = r.GetOrdinal("played_at"), name = r.GetOrdinal("name"), artists = r.GetOrdinal("artists"),
            album = r.GetOrdinal("album"), trackId = r.GetOrdinal("track_id"), uri = r.GetOrdinal("uri"),
            durationMs = r.GetOrdinal("duration_ms"), contextType = r.GetOrdinal("context_type"), contextUri = r.GetOrdinal("context_uri");
        return () => new VaultPlay
        {
            PlayedAt = r.Date(playedAt),
            Name = r.Text(name),
            ArtistNames = r.Names(artists).JoinNames(),
            Album = r.TextOrNull(album),
            TrackId = r.TextOrNull(trackId),
            Uri = r.Text(uri),
            DurationMs = r.GetInt64(durationMs),
            ContextType = r.TextOrNull(contextType),
            ContextUri = r.TextOrNull(contextUri),
        };
    }
}
